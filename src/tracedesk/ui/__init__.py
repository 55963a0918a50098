"""Everything Qt: the main window, workspaces, the genealogy views, dialogs and the Qt bridges."""
