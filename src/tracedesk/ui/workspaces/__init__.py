"""The workspaces of the main window, one per job on the shop floor."""
