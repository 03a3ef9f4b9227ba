import { WorkspaceForm } from "@/components/settings/workspace-form";

export const metadata = { title: "New workspace" };

export default function NewWorkspacePage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">New workspace</h1>
        <p className="text-sm text-zinc-500">
          A workspace has its own requests, keys, members, alerts, budgets and settings; nothing is shared with your other workspaces. You will be its owner.
        </p>
      </div>
      <WorkspaceForm />
    </div>
  );
}
