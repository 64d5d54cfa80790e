"""Agency settings: ORI, name, state profile, NIBRS start date, spec version (first start and Settings)."""

from __future__ import annotations

from desktop.store.service import AgencySettings, Store, StoreError
from desktop.ui.qt import (
    ERROR_STYLE, QCheckBox, QComboBox, QDate, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QVBoxLayout,
)

SPEC_VERSIONS = ("2019.1", "2025.0")


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
            intro = QLabel(self.tr("Welcome to NIBRS Desk. Tell us which agency this computer reports for; "
                                   "you can change it later under Settings."))
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)

        self.ori = QLineEdit(current.ori if current else "")
        self.ori.setObjectName("agency_ori")
        self.ori.setMaxLength(9)
        self.ori.setPlaceholderText("MO0950000")
        self.ori.setAccessibleName(self.tr("ORI"))
        self.name = QLineEdit(current.name if current else "")
        self.name.setObjectName("agency_name")
        self.name.setAccessibleName(self.tr("Agency name"))
        self.profile = QComboBox()
        self.profile.setObjectName("agency_profile")
        self.profile.setAccessibleName(self.tr("State profile"))
        for pid, pname in available_profiles():
            self.profile.addItem(pname, pid)
        if current:
            idx = self.profile.findData(current.state_profile)
            self.profile.setCurrentIndex(max(idx, 0))
        self.start = QDateEdit()
        self.start.setObjectName("agency_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName(self.tr("Date the agency began NIBRS reporting"))
        d = current.nibrs_start_date if current and current.nibrs_start_date else None
        self.start.setDate(QDate(d.year, d.month, d.day) if d else QDate(2021, 1, 1))
        self.spec = QComboBox()
        self.spec.setObjectName("agency_spec")
        self.spec.setAccessibleName(self.tr("FBI specification version"))
        for v in SPEC_VERSIONS:
            self.spec.addItem(v, v)
        if current:
            self.spec.setCurrentIndex(max(self.spec.findData(current.spec_version), 0))
        self.federal = QCheckBox(self.tr("&Federal or tribal agency"))
        self.federal.setObjectName("agency_federal")
        self.federal.setChecked(bool(current and current.federal))

        for text, widget in ((self.tr("&ORI:"), self.ori), (self.tr("Agency &name:"), self.name),
                             (self.tr("State &profile:"), self.profile),
                             (self.tr("NIBRS &start date:"), self.start),
                             (self.tr("FBI spe&cification:"), self.spec)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.federal)
        self.error = QLabel()
        self.error.setObjectName("agency_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def settings(self) -> AgencySettings:
        q = self.start.date()
        from datetime import date

        return AgencySettings(
            ori=self.ori.text().strip().upper(),
            name=self.name.text().strip(),
            state_profile=self.profile.currentData() or "fbi",
            nibrs_start_date=date(q.year(), q.month(), q.day()),
            spec_version=self.spec.currentData() or "2019.1",
            federal=self.federal.isChecked(),
        )

    def accept(self) -> None:
        try:
            self.store.save_agency(self.settings())
        except StoreError as exc:  # PermissionDenied: only administrators change settings
            self.error.setText(self.tr("Not saved: {0}").format(exc))
            return
        super().accept()
