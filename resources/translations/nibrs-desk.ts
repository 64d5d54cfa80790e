<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name></name>
    <message>
        <source>{0} {1} is only for federal and tribal agencies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} is not in the FBI specification your agency reports under.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} was retired ({2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} is no longer used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} is no longer used: {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} To fix: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another code from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} is not one of the codes that fit here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check it: the list under the field shows the codes that fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several codes match &apos;{0}&apos;: choose one with the arrow keys and Enter, or type more of its words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet. Choose &quot;{0}&quot; to add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {0} {1} and everything typed in it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Errors and warnings (Enter or double-click goes to the field):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No errors and no warnings: the report passes every FBI edit NIBRS Desk checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark ready for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the selected reports, each on pages of its own (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report as it prints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the state ({0}, {1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} error(s), {2} warning(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a supervisor: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a supervisor to fill {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the state: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report is {0}. {1} error(s), {2} warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the errors before marking it ready for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a supervisor to fill {0}: your role does not see it; you can mark the report ready, and the supervisor fills it in during review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state rejected the version sent, with {0} error(s): they are listed below, marked &apos;From the state&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked ready: {0} error(s) remain. Choose one in the list to go to its field and fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked ready: the report could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked ready: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked ready for review. A supervisor can now approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this row (Ctrl+Shift+Delete in it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate this section (Ctrl+Shift+D in it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this section (Ctrl+Shift+Delete in it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationships of victims to offenders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Relationship of each victim to each offender&lt;/b&gt; (DE 35)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No relationships to give: they are asked for victims of a crime against a person or of a robbery, once the offenders are numbered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code or a word (stranger, acquaintance, spouse...) in each cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Victim {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>victim {0} and offender {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the month&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month of submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FBI flat file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS XML (zip of documents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} XML (zip of documents, with the state&apos;s elements)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send reports with FBI &amp;errors anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Month (YYYY-MM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports that &amp;stop the file (Enter opens one at its first error):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports that stop the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the file holds (s&amp;ummary):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {0}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check was stopped. Check again when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: error {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (and {0} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} report(s) have errors (listed above the summary): fix them, return them to draft to send them later, or tick &apos;Send reports with FBI errors anyway&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly summary, {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the summary as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>summary {0}.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary of the month&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1:,} of {2:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print the summary...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the summary as P&amp;DF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data element {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How-&amp;to pages...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS Desk help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>words, e.g. passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} page(s) mention “{1}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No page mentions “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the month&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} may look, but only someone allowed to export can write the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: {0} report(s) to write. Read the summary, then write the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: nothing was written and nothing recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written: {0}{1}. The reports in it are now submitted; this is export {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (DE {1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also show the fields that do not apply to this report (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page (Ctrl+Enter or Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and close (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close; the draft is saved (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read only: this report is {0}&apos;s, and your role changes only your own. Ask {0} or a supervisor to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read only: this report is {0}; what was reviewed is kept as it was. To change it, add a supplement: a new revision of the report that goes through review again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read only: this report is {0} and it is {1}&apos;s. Ask a supervisor to return it or to add a supplement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;supplement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new revision of this report to change it; it goes through review again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No supplement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supplement could not be added: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplement: revision {0} of this report, a draft. Change what needs changing, then mark it ready for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report holds restricted information ({0}) that your role may not see. It is kept as it is when you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is restricted: your role does not see or enter it; a supervisor fills it in during review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: the report is as it was before the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to copy: enter an offender first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room for another section here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied from {0} {1}: check what was copied, then fill in the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report could not be saved: {0}

Close anyway and lose the changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} — {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} — {2} (not saved yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restricted fields viewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {0} to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} field(s) changed: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password confirmed to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after {0} minutes without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (DE {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve this report for the monthly submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;turn for changes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the report back to its author with a comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned for changes: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: your change sent the report back to draft. Mark it ready for review, then approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved. It goes out with the next monthly submission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned to its author with your comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONFLICT: changed on both computers; a supervisor chooses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept: this computer&apos;s copy is newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} on computer {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(restricted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily (automatic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New incident...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a new Group A incident (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Group B arrest...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an arrest for a Group B offense (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected report (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected reports as one PDF file, each on pages of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected report (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency &amp;settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ORI, name, state profile...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the window now; your password unlocks it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End your session; the next person signs in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by number (Ctrl+F); Down or Enter then goes to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every report the filters list, for approving, returning, printing or exporting them together (Ctrl+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sort by the current column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort the list by the column of the current cell; again: the other way round (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export the month&apos;s file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the month&apos;s submission file for the state, after its summary (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import NIBRS files...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import NIBRS flat files or XML documents (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load state &amp;feedback...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the errors the state or the FBI returned (Ctrl+Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check a NIBRS file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a flat file or XML documents against the FBI edits, without importing them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport the selected reports...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected reports to a NIBRS file (a copy: not a submission)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;quality...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rates by month from the feedback loaded, the FBI&apos;s certification terms, the common errors and the trends, in tables and charts (Ctrl+Shift+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certification &amp;packet...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what a state program asks a new agency for: the months&apos; files, a zero report test, the error rates and the corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected reports that are ready for review and free of errors (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the selected reports back to their authors with a comment (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add people, change their role, deactivate them, reset a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change my &amp;password...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit trail...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who did what and when; check that nothing was altered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backups...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now, or restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Security settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle lock time, who may see restricted fields, the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer: &amp;write a file for another computer...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write this computer&apos;s reports to an encrypted transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer: &amp;read a file from another computer...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge the reports of a transfer file into this computer&apos;s database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer &amp;conflicts...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports changed on both computers: choose which version to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer: paired co&amp;mputers...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s pairing code; the computers paired with this office (administrators pair them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help on this field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the field with the cursor means: its words, the FBI&apos;s definition, its codes and the edits that check it (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How &amp;to...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step-by-step pages for the office&apos;s tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search the help...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the help pages that mention a word (Shift+F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About NIBRS Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Monthly submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for review (a supervisor approves them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved (they go out with the next export)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already sent to the state (history from another system)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import NIBRS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS files (*.txt *.dat *.nibrs *.xml *.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports without errors become:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {0}: reports read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The files read before the stop are imported; the file being read when it came is not (nothing of it was kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT IMPORTED: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing NIBRS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load state feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error data sets and responses (*.txt *.eds *.dat *.xml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REJECTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names no report here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noted, status kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in the file concerns a report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check NIBRS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {0}: reports read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANNOT BE READ: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the end of the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} report(s) checked: {1} error(s), {2} warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking NIBRS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the {0} selected report(s) to a NIBRS file: a copy to keep or hand on. It is not a submission: nothing is recorded as sent and no report changes status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flat files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {0} report(s) to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the selected reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certification packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No month has been exported yet: a certification packet holds the months&apos; files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the certification packet for {0} in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the certification packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certification packet for {0} is in {1}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not a code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group A incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (ORI {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ORI {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FBI edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} error(s), {1} warning(s), listed at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no error or warning: it passes every FBI edit NIBRS Desk checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed {0} by {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the printer cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages of the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} error(s), {1} warning(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: only a report ready for review is approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} FBI error(s) to fix first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: only a report ready for review or approved is returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What needs changing (every author reads it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs changing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skipped, and why ({0}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports skipped, and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} of {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: the others are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped by a problem: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve {0} of the {1} selected reports? They go out with the next monthly file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the {0} selected reports can be approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return {0} of the {1} selected reports to their authors as drafts, with your comment?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the {0} selected reports can be returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return reports for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Return {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what needs changing: the authors read this comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person entered before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of the name (family name, given name). Enter takes the person chosen in the list: their names, date of birth, sex, race, ethnicity and resident status fill this section, and the age is worked out on this report&apos;s day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody entered before is named “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>born {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>victim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arrestee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B arrestee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} in {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a person in the list first (Down goes to it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computers paired with this office</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deputy enters reports; a supervisor also reviews and approves them; an administrator also manages users, settings and backups. Give the person the password by a safe way; they can change it under Tools &gt; Change my password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ. Type it again in the last field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgencyDialog</name>
    <message>
        <source>Agency set-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to NIBRS Desk. Tell it which agency this computer reports for. Everything here can be changed later under File &gt; Agency settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MM/DD/YYYY, or leave empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FBI specification version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Federal or tribal agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ORI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agency&apos;s nine-character Originating Agency Identifier (the NCIC gives it); it is on every report and file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed on every report and on the month&apos;s summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State &amp;profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state program the files go to: it adds the state&apos;s own fields, codes and edits. Choose FBI when the office reports to the FBI directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS &amp;start date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the agency began reporting in NIBRS. Leave it empty if you do not know it. Once set, the FBI&apos;s edit 173 refuses an incident dated before it (093 and 720 the same for arrests).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FBI spe&amp;cification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version of the FBI&apos;s rules the reports are checked against: 2019.1, unless the state asks for 2025.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a federal or tribal agency: some codes are theirs alone, and the FBI checks such agencies differently (edit 059).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the NIBRS start date: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident or arrest number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entries, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Entry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen entry in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that no entry was altered, inserted or removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no report is numbered {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zero report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} entries shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail is intact: entries 1 to {0}, each follows the one before it and none was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail was tampered with:
{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups are kept in {0}. One is made automatically each day NIBRS Desk starts, and before every upgrade and restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backups, newest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore the chosen backup...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup was made: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: no backup was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the backup taken {0}?

The reports as they are now are backed up first, so nothing is lost. Open reports are saved and closed, and everyone signs in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore is an administrator&apos;s act. {0}, type your password to restore:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored: the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}; waiting up to {1} s...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program is writing to the database; waiting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored: the data folder is busy ({0}); nothing was done, try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored: cancelled while waiting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password of {0}. A password has at least {1} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passwords differ. Type it again in the last field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Transfer conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each report below was changed on this computer and on the one that wrote the transfer file. Both versions are kept until you choose. The chosen version goes back through review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflicts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Differences, field by field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences, field by field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (mine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming (theirs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this computer&apos;s version; the incoming one is set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace this computer&apos;s version with the incoming one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
written by {1}, read {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts: every transferred report is settled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: this computer&apos;s version was deleted; the incoming one was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: this computer&apos;s version was changed; the incoming one is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: both versions were changed (the incoming one is {1}). They differ in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not settled: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: kept this computer&apos;s version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: took the incoming version; it goes back through review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>code or words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents and arrests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group A incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B arrests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has &amp;errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dates from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offense “{0}”: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No offense code or offense words match “{0}”; type a code such as 23H, or words such as theft or assault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offe&amp;nse:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone&apos;s reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for my review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number, name, address or words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report&apos;s number, or words of its own fields: a person&apos;s name, the address, words of the narrative (each word by its start: “smi jo” finds Smith, John). The list says where each was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the administrator&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone who uses NIBRS Desk signs in with an account of their own. This first account is an administrator&apos;s: it adds the deputies and supervisors under Tools &gt; Users. A password has at least {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ. Type it again in the second field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not created: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>&lt;h2&gt;NIBRS Desk is locked&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign out instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this session; unsaved typing in open reports was saved as a draft when the window locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window is locked, to keep the reports from other eyes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window locked after {0} without use, to keep the reports from other eyes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} Signed in: {1}. Type the password to go on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to NIBRS Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the reports of {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your own account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords: the account {0} is locked for {1} minutes. Try again later, or ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or the password is wrong. Try again (after {0} wrong passwords the account is locked for {1} minutes).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the database...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — database server {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — NOT ENCRYPTED (created with --no-encryption)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — NOT ENCRYPTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, federal/tribal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — ORI {1} — {2} — FBI specification {3}{4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agency set up yet: choose File &gt; Agency settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} report(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} reports listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report cannot be opened: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zero report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {0} {1}? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

It was already submitted: the delete will be sent with the next monthly file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was not deleted: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} reports.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About NIBRS Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}
Offline NIBRS incident reporting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>Paired computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer files are signed by the computer that writes them. The office reads a file only from a computer an administrator paired with it, and the file speaks for the person that computer belongs to: it may change only what that person could change at the office. To pair this computer, give its pairing code to the office&apos;s administrator; check together that both sides show the same computer number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;This computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its pairing &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paired &amp;here:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unpair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the chosen computer: its transfer files are refused here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Its code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer&apos;s pairing code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Belongs to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person the computer belongs to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name for the computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example Car 12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is the &amp;office&apos;s computer (pairing it on a laptop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste the pairing code the other computer shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the person the computer belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not paired: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paired computer {0}: its transfer files speak for {1} here. Check that the other computer shows the same number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not unpaired: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer {0} is no longer paired: its transfer files are refused here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Protect the reports with a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt the reports on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the encrypted reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS Desk keeps the reports on this computer encrypted: the database, its journal and every backup. Choose a passphrase of at least {0} characters (a few words are easy to remember and hard to guess). It is asked for every time NIBRS Desk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reports on this computer are not encrypted yet. Choose a passphrase to encrypt them now; a computer that leaves the building must be encrypted. The database is encrypted in place, and the original is kept until the encrypted copy is checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reports on this computer are encrypted. Enter the passphrase to open them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the passphrase safe. If it is lost, nobody can recover the reports: not the office, not County IT, not the makers of NIBRS Desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the passphrase in this computer&apos;s keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS Desk then opens without asking; anyone who can sign in to this computer account can open the reports file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase needs at least {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ. Type it again in the second field.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualityWindow</name>
    <message>
        <source>Data quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Months shown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save charts as P&amp;NG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certification pac&amp;ket...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Error rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Common errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certification terms (an error rate of 4% or less for three consecutive submissions): met.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certification terms (an error rate of 4% or less for three consecutive submissions): not met yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4% or less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate by month (%), the 4% bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4% bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rates by month of &amp;submission (from the feedback loaded):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most common err&amp;ors, {0} (Enter shows the reports in the list):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No error in the feedback loaded for this quarter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show these reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offenses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group A offenses by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Offenses by month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearance rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearance rate by month (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;learance rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrests by month: Group A and Group B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arrests by month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary of the mont&amp;h sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No month was exported in the months shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports with error {0} ({1}) this quarter: {2} (Esc or any filter shows every report again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the data quality view as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the charts as PNG files in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordListModel</name>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>narrative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supplement notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state: {0} {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned by a supervisor with a comment: open it to read what needs changing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a supervisor to fill {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group A incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} errors, {1} from the state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} + {1} from the state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} errors; waiting for a supervisor to fill {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} warnings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new password for {0} (at least {1} characters). It also lifts a lockout after wrong passwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ. Type it again in the last field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return {0} for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report goes back to its author as a draft, with your comment. Say what needs changing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What needs changing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what needs changing: the author reads this comment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change the role of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecuritySettingsDialog</name>
    <message>
        <source>Security settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock the window after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the window after this many minutes without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restricted fields (e.g. Missouri&apos;s immigration status) may be seen and changed by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;puties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Supervisors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dministrators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;One supervisor: the author of a report may approve it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise a second supervisor or an administrator approves each report. The choice is recorded in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the database passphrase in this computer&apos;s keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS Desk then opens without asking for it; anyone who can sign in to this computer account can open the reports file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes to who may see restricted fields take effect at each person&apos;s next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no keyring NIBRS Desk can use; the other settings were saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Signed in: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the database {0}: it is neither a NIBRS Desk database nor an encrypted one (damaged, or another kind of file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase in {0} does not open the reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase kept in this computer&apos;s keyring does not open the reports (it was changed?). Type it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase does not open the reports; nothing was changed. Check the Caps Lock key and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no keyring NIBRS Desk can use, so the passphrase was not kept: it is asked for at every start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agency&apos;s state profile cannot be used: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s automatic backup could not be made: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s backup: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agency set up yet: an administrator sets it up under File &gt; Agency settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} signed out. The next person signs in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} wrong passwords at the lock screen: {1} was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That password is wrong. Try again, or sign out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was not approved: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} returned to its author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the backup {0}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was not restored: {0} The reports are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup {0} was restored. Sign in again. The reports as they were before the restore are kept in {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignedOutPage</name>
    <message>
        <source>Nobody is signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferInDialog</name>
    <message>
        <source>Read a transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merges the reports of a transfer file into this computer&apos;s database, by ORI and number. A report changed on both computers is never overwritten: it waits in Tools &gt; Transfer conflicts for a supervisor. The file must come from a computer paired here (Tools &gt; Transfer: paired computers); it may change only what the person that computer belongs to could change, or nothing of it is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened to each report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;conflicts...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the transfer file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was read: {0} record(s) of {1} are not what its author may change here, or are damaged. Ask them to correct the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was read: the file was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was read: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read {0}: {1} new, {2} updated, {3} deleted, {4} unchanged, {5} conflict(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferOutDialog</name>
    <message>
        <source>Write a transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the reports on this computer to an encrypted file, for the office computer to read (Tools &gt; Transfer: read a file). The office needs the passphrase: tell it in person or by phone, never with the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the transfer file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer passphrase needs at least {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ. Type it again in the last field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {0}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not written: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {0} report(s) to {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accounts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd user...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;role...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;eactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;password...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;eactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} was added as {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of {0} was reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} can no longer sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} can sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>Group B arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One person arrested for a Group B offense (disorderly conduct, DUI, trespass...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ORI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest &amp;transaction number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrestee &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest &amp;date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of a&amp;rrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest o&amp;ffense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Armed &amp;with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ra&amp;ce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ethnicity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add descr&amp;iption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add dru&amp;g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measu&amp;rement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;victim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer assign&amp;ment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer&apos;s other agency &amp;ORI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resi&amp;dent status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dis&amp;position (under 18)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident stat&amp;us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your agency&apos;s ORI, filled in from the agency settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every error and warning of the FBI edits. Choose one to go to its field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group A incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident itself - your agency, the case number, when it happened and how it was cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident &amp;date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hour (00-23)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date is the &amp;report date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared e&amp;xceptionally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clearance date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date it happened (MM/DD/YYYY, 2025-03-14, today or yesterday).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type R only when the incident date is unknown and the date above is the date it was reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One incident or several? Offenses committed by the same offender, or offenders acting together, at the same time and place are one incident. If someone did not act in concert (for example a victim who fought back and killed the attacker), enter a separate incident, e.g. with the same number and a letter after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offenses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each crime committed in this incident - up to ten, each offense code once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add o&amp;ffense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Offense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attempted or completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender suspected of &amp;using</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bias motivation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Location type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Premises entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method of entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Criminal activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weapon or force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Car&amp;go theft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y if goods in transit (a shipment, a truckload) were taken; N if not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotel rule: when several rooms of a hotel or motel, or several units of a rental storage facility under one manager are broken into, report one burglary and give the number of rooms or units entered in &quot;Premises entered&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter each offense code once, however many victims it has: link the victims to the offense on the Victims page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was stolen, damaged, recovered, seized... one block per kind of loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of &amp;loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stolen vehicles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reco&amp;vered vehicles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property descriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Val&amp;ue ($)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date r&amp;ecovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug &amp;type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Victims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone and everything harmed - people, businesses, society.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Victim &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ffenses against this victim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type of victim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer &amp;activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Race</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Circumstances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Justifiable homicide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Injury</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add relationshi&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender n&amp;umber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relations&amp;hip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crimes against society (drugs, gambling, prostitution, weapon law...) have Society/Public as their victim. NIBRS Desk added that victim for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offenders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who did it, as far as is known. Enter offender number 0 when nothing at all is known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;offender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrested? Ctrl+Shift+C makes an arrestee of the offender with the cursor: age, sex, race and ethnicity are copied to the Arrestees page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrestees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone arrested for this incident; leave empty when nobody was arrested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add arrestee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Multiple arrestee indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest &amp;offense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case o&amp;fficer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deputy in charge of the case (kept by the office; never sent to the state or the FBI).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the incident happened, as the street address or a place a deputy would find (never sent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cit&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The city or town of the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ZIP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ZIP code of the address (five digits, or ZIP+4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;arrative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, in the deputy&apos;s words. Enter starts a new line; Tab goes on to the next field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Su&amp;pplement notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was learned or done after the first report (follow-up, property returned, charges filed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name (&amp;1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s family name (kept by the office; never sent). Alt+1, Alt+2 and Alt+3 go to the parts of the name; Ctrl+Shift+P picks a person entered before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name (&amp;2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s given name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Middle name (&amp;3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s middle name or initial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s date of birth; when the age is empty it is filled from it on the incident&apos;s date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La&amp;titude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the incident happened, in decimal degrees north (WGS84, e.g. 38.627003). You can paste &quot;38.627003, -90.199402&quot; to fill latitude and longitude at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lon&amp;gitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the incident happened, in decimal degrees east (negative in Missouri, e.g. -90.199402).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Immigration status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required by Missouri law for every offender and arrestee. Restricted: only staff allowed to see it can read or change it, and it is never sent to the FBI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrative segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Victim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrestee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B Arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group B Arrests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the nine letters and digits of the ORI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use only letters, digits and hyphens, without spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code, or a word of its meaning, and pick it from the list (Down arrow shows the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code or words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a number (25), a range (25-30), &apos;unknown&apos;, or for a baby &apos;newborn&apos;, &apos;under 1 week&apos; or &apos;under 1 year&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>25, 25-30, unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type whole dollars, e.g. 250.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the hour from 00 to 23; leave it empty when unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the date as MM/DD/YYYY, e.g. 03/14/2025 (or today, yesterday).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a number with up to three decimals, e.g. 2.5.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
