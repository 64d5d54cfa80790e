"""The deputy's wizards: pages built from forms/*.yaml, their fields and sections, the report editor
(autosave, live FBI edits), the Review page's approve and return, printing."""
