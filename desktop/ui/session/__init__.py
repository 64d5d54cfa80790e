"""Who uses the office window: start-up, the database passphrase, signing in and out, the idle lock."""
