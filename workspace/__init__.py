"""The workspace: one folder holding everything an import produced, swapped atomically."""

from workspace.store import PinnedWorkspace, Workspace, WorkspaceTransaction

__all__ = ["PinnedWorkspace", "Workspace", "WorkspaceTransaction"]
