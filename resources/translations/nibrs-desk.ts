<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name></name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code or words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>25, 25-30, unknown</source>
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
        <source>Save as P&amp;DF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report as it prints</source>
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
        <source>Du&amp;plicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
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
        <source>The grid appears when the incident has a victim who is a person and a numbered offender.</source>
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
        <source>Close</source>
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
        <source> (not saved yet)</source>
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
        <source>Welcome to NIBRS Desk. Tell us which agency this computer reports for; you can change it later under Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ORI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the agency began NIBRS reporting</source>
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
        <source>Agency &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State &amp;profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIBRS &amp;start date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FBI s&amp;pecification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ffense:</source>
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
    <name>MainWindow</name>
    <message>
        <source>Reports</source>
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
        <source>&amp;Print...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the selected report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected report as a PDF file</source>
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
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About NIBRS Desk</source>
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
        <source>&amp;Help</source>
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
        <source>{0} — ORI {1} — {2} profile, FBI specification {3}{4}</source>
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
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
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
    <name>RecordListModel</name>
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
        <source>{0} errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} warnings</source>
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
        <source>Resi&amp;dent status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dis&amp;position (under 18)</source>
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
        <source>Add &amp;description</source>
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
        <source>Add dr&amp;ug</source>
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
        <source>Mea&amp;surement</source>
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
        <source>Officer assi&amp;gnment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer&apos;s other agency O&amp;RI</source>
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
        <source>Add relations&amp;hip</source>
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
        <source>Offender &amp;number</source>
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
        <source>&amp;Multiple arrestee indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest &amp;offense</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
