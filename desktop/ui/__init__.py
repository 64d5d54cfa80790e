"""The Qt user interface. Views show and collect; they save only through desktop.store.service."""
