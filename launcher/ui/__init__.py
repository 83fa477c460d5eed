"""Windows and dialogs: kiosk window, taskbar, password, progress and error dialogs."""
