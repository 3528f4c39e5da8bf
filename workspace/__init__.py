"""The workspace: one folder holding everything an import produced, swapped atomically."""

from workspace.store import Workspace, WorkspaceTransaction

__all__ = ["Workspace", "WorkspaceTransaction"]
