"""Developer scripts, not part of the running app: screenshots (``make screenshots``) and the translation
catalog (``make translations``)."""
