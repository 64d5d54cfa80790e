"""The Tools menu's windows and the agency settings: users, audit trail, backups, security settings,
transfer files and their conflicts."""
