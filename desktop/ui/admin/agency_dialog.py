"""Agency settings: ORI, name, state profile, NIBRS start date, spec version (first start, and File > Agency settings).

Each setting has a sentence under it saying what it is for. The NIBRS start date is empty until someone types
it: when it is set, the FBI's edit 173 refuses incidents dated before it (093 and 720 the same for arrests).
The dialog sizes itself to its content (``fit_to_content``), at any scaling.
"""

from __future__ import annotations

from desktop.store.service import AgencySettings, Store, StoreError
from desktop.ui.dialogs import fit_to_content, plain_label
from desktop.ui.qt import (
    ERROR_STYLE, QUIET_STYLE, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QTimer, QVBoxLayout, QWidget, Qt,
)

def spec_versions() -> tuple[str, ...]:
    """The FBI specification versions, as declared (resources/dictionary/specs/)."""
    from desktop.nibrs.dictionary import dictionary

    return dictionary().specs.names


def available_profiles() -> list[tuple[str, str]]:
    """(id, name) of the state profiles this installation has."""
    try:
        from desktop.nibrs.profiles import list_profiles  # added with state profiles
    except ImportError:
        return [("fbi", "FBI (no state additions)")]
    return [(p.id, p.name) for p in list_profiles()]


class AgencyDialog(QDialog):
    def __init__(self, store: Store, parent=None, *, first_start: bool = False):
        super().__init__(parent)
        self.store = store
        self.setObjectName("agency_dialog")
        self.setWindowTitle(self.tr("Agency set-up") if first_start else self.tr("Agency settings"))
        current = store.agency()
        layout = QVBoxLayout(self)
        if first_start:
            intro = QLabel(self.tr("Welcome to NIBRS Desk. Tell it which agency this computer reports for. "
                                   "Everything here can be changed later under File > Agency settings."))
            intro.setObjectName("agency_intro")
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        layout.addLayout(form)

        self.ori = QLineEdit(current.ori if current else "")
        self.ori.setObjectName("agency_ori")
        self.ori.setMaxLength(9)
        self.ori.setPlaceholderText("MO0950000")
        self.ori.setProperty("element_id", "1")  # F1 explains the ORI
        self.name = QLineEdit(current.name if current else "")
        self.name.setObjectName("agency_name")
        self.profile = QComboBox()
        self.profile.setObjectName("agency_profile")
        for pid, pname in available_profiles():
            self.profile.addItem(pname, pid)
        if current:
            idx = self.profile.findData(current.state_profile)
            self.profile.setCurrentIndex(max(idx, 0))
        self.start = QLineEdit()
        self.start.setObjectName("agency_start")
        self.start.setPlaceholderText(self.tr("MM/DD/YYYY, or leave empty"))
        d = current.nibrs_start_date if current and current.nibrs_start_date else None
        if d is not None:
            self.start.setText(f"{d.month:02d}/{d.day:02d}/{d.year:04d}")
        self.spec = QComboBox()
        self.spec.setObjectName("agency_spec")
        self.spec.setAccessibleName(self.tr("FBI specification version"))
        for v in spec_versions():
            self.spec.addItem(v, v)
        if current:
            self.spec.setCurrentIndex(max(self.spec.findData(current.spec_version), 0))
        self.federal = QCheckBox(self.tr("&Federal or tribal agency"))
        self.federal.setObjectName("agency_federal")
        self.federal.setChecked(bool(current and current.federal))

        self.explanations: dict[str, QLabel] = {}
        rows = (
            (self.tr("&ORI:"), self.ori, self.tr("The agency's nine-character Originating Agency Identifier "
                                                "(the NCIC gives it); it is on every report and file.")),
            (self.tr("Agency &name:"), self.name, self.tr("Printed on every report and on the month's summary.")),
            (self.tr("State &profile:"), self.profile,
             self.tr("The state program the files go to: it adds the state's own fields, codes and edits. Choose FBI "
                     "when the office reports to the FBI directly.")),
            (self.tr("NIBRS &start date:"), self.start,
             self.tr("The day the agency began reporting in NIBRS. Leave it empty if you do not know it. Once set, "
                     "the FBI's edit 173 refuses an incident dated before it (093 and 720 the same for arrests).")),
            (self.tr("FBI spe&cification:"), self.spec,
             self.tr("The version of the FBI's rules the reports are checked against: 2019.1, unless the state asks "
                     "for 2025.0.")),
        )
        for text, widget, why in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(plain_label(text))
            form.addRow(label, self._explained(widget, why))
        form.addRow("", self._explained(self.federal, self.tr(
            "Only for a federal or tribal agency: some codes are theirs alone, and the FBI checks such agencies "
            "differently (edit 059).")))
        self.error = QLabel()
        self.error.setObjectName("agency_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setObjectName("agency_ok")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ori.setFocus(Qt.OtherFocusReason)
        fit_to_content(self, chars=96)

    def _explained(self, widget: QWidget, why: str) -> QWidget:
        """A field with the sentence that explains it under it (also its accessible description)."""
        widget.setAccessibleDescription(why)
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        column.addWidget(widget)
        explanation = QLabel(why)
        explanation.setObjectName(f"{widget.objectName()}_why")
        explanation.setWordWrap(True)
        explanation.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        explanation.setStyleSheet(QUIET_STYLE)
        column.addWidget(explanation)
        self.explanations[widget.objectName()] = explanation
        return box

    def settings(self) -> AgencySettings:
        from desktop.forms import entry

        text = self.start.text().strip()
        start = entry.parse_date(text) if text else None
        return AgencySettings(
            ori=self.ori.text().strip().upper(),
            name=self.name.text().strip(),
            state_profile=self.profile.currentData() or "fbi",
            nibrs_start_date=start,
            spec_version=self.spec.currentData() or "2019.1",
            federal=self.federal.isChecked(),
        )

    def showEvent(self, e) -> None:
        super().showEvent(e)
        QTimer.singleShot(0, lambda: fit_to_content(self, chars=96))  # once its words are laid out on screen

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        fit_to_content(self)

    def accept(self) -> None:
        try:
            settings = self.settings()
        except ValueError as exc:  # a start date that is not a date
            self.show_error(self.tr("Not saved: the NIBRS start date: {0}").format(exc))
            self.start.setFocus()
            return
        try:
            self.store.save_agency(settings)
        except StoreError as exc:  # PermissionDenied: only administrators change settings
            self.show_error(self.tr("Not saved: {0}").format(exc))
            return
        super().accept()
