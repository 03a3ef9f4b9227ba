// Calls between the processes of `npm start` in worker mode, over Node's IPC channel (cluster
// with the "advanced" serialization, so Dates and BigInts cross intact). Each side serves
// named methods and calls the other's; a call whose peer is gone fails at once, so callers
// treat it as an outage (the log spills to disk, a limit check answers 503).

/** The two ends: `process` in a worker, a `cluster.Worker` in the primary. */
export interface Channel {
  send(message: unknown): unknown;
  on(event: "message", listener: (message: unknown) => void): unknown;
  on(event: "disconnect" | "exit", listener: () => void): unknown;
}

type Handler = (...args: never[]) => unknown;
export type Methods = Record<string, Handler>;

interface CallMessage {
  tollgate: "call";
  id: number;
  method: string;
  args: unknown[];
}
interface ReplyMessage {
  tollgate: "reply";
  id: number;
  value?: unknown;
  error?: { message: string; data?: unknown };
}

/** An error the other side threw; `data` is what its `describeError` added (e.g. a log failure class). */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export class PeerGone extends Error {
  constructor() {
    super("the other Tollgate process is gone");
  }
}

const isMessage = (m: unknown): m is CallMessage | ReplyMessage => typeof m === "object" && m !== null && "tollgate" in m;

export class RpcPeer {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private gone = false;

  constructor(
    private readonly channel: Channel,
    private readonly methods: Methods = {},
    /** Extra data sent with a thrown error, for the caller to act on. */
    private readonly describeError: (error: unknown) => unknown = () => undefined,
  ) {
    channel.on("message", (message) => {
      if (!isMessage(message)) return;
      if (message.tollgate === "call") void this.answer(message);
      else this.settle(message);
    });
    const lost = () => {
      this.gone = true;
      for (const { reject } of this.pending.values()) reject(new PeerGone());
      this.pending.clear();
    };
    channel.on("disconnect", lost);
    channel.on("exit", lost);
  }

  get connected() {
    return !this.gone;
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.gone) return Promise.reject(new PeerGone());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.channel.send({ tollgate: "call", id, method, args } satisfies CallMessage);
      } catch {
        this.pending.delete(id);
        reject(new PeerGone());
      }
    });
  }

  private async answer({ id, method, args }: CallMessage) {
    let reply: ReplyMessage;
    try {
      const handler = this.methods[method];
      if (!handler) throw new Error(`no method ${method}`);
      reply = { tollgate: "reply", id, value: await (handler as (...a: unknown[]) => unknown)(...args) };
    } catch (error) {
      reply = { tollgate: "reply", id, error: { message: error instanceof Error ? error.message : String(error), data: this.describeError(error) } };
    }
    try {
      this.channel.send(reply);
    } catch {
      // The caller is gone; it has failed the call on its side.
    }
  }

  private settle({ id, value, error }: ReplyMessage) {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (error) call.reject(new RemoteError(error.message, error.data));
    else call.resolve(value);
  }
}
