"""The monthly submission: export, import, feedback from the state or the FBI, the month's summary.

No Qt here: the ``nibrs-desk`` commands and the app's dialogs both call these modules. Writing
to the database goes through the store (``desktop.store.submissions``), in one transaction per
export, per imported file and per feedback file, with its audit entries.

Which records belong to a month's file (``export.plan``):

* every approved Group A incident and Group B arrest not yet submitted (or changed since it was)
  whose dates - incident date, exceptional clearance date, recovery dates, arrest dates - are all
  on or before the last day of the month. A late report of an earlier month goes in the next file;
  a report with any date after the month waits for the month it belongs to, so that no file
  carries a date after its month of submission;
* a report changed after it was submitted: a delete followed by the report (flat file), or a
  replacement (XML); a report deleted after it was submitted: a delete. A report the FBI does not
  hold (never sent, or its last add was rejected) goes as an add: the FBI wants no delete before
  the first add;
* a zero report when nothing at all is dated in the month (no report in any state), nothing dated
  in it was sent before, and the month is over;
* the month of submission in every header is the month exported.
"""
