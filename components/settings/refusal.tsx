/** Why a button's action was refused (lib/actions/refuse.ts), at the top of its page. */
export function Refusal({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
      {message.slice(0, 300)}
    </p>
  ) : null;
}
