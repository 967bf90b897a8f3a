"""Small widgets the main window is built from: the job progress strip and the date box
that takes a whole typed date (the start page is :mod:`desktop.ui.start_page`)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop.ui.i18n import tr
from desktop.ui.workers import QUEUED, Job

# 2024-06-30, 20240630, 2024/6/30, 2024.6.30, 2024年6月30日
_WHOLE_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})\s*日?\s*$")
_PARTIAL_DATE = re.compile(r"^[\d\s\-/.年月日]{0,16}$")


def parse_whole_date(text: str) -> dt.date | None:
    """A date typed in one go (2024-06-30, 20240630, 2024/6/30, 2024年6月30日), or None."""
    found = _WHOLE_DATE.match(text)
    if found is None:
        return None
    try:
        return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None


class DateBox(QDateEdit):
    """A date box (yyyy-MM-dd, calendar popup) where a typed date replaces the whole date,
    year included: focus selects it all, and 2024-06-30 / 20240630 / 2024年6月30日 typed
    over it is read as one date (Qt's own box edits one section at a time). The arrow keys
    still step the section under the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if parse_whole_date(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL_DATE.match(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = parse_whole_date(text)
        if day is None:
            return super().dateTimeFromText(text)
        return QDateTime(QDate(day.year, day.month, day.day), self.time())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        line = self.lineEdit()
        if line is not None:
            line.selectAll()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less so it fits the screen it is on
    (a 1366×768 laptop less the task bar): a dialog is never taller than the screen."""
    from PySide6.QtGui import QGuiApplication

    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    available = screen.availableGeometry()
    widget.resize(
        min(width, int(available.width() * 0.96)), min(height, int(available.height() * 0.94))
    )


class ProgressStrip(QWidget):
    """Status-bar strip: what is running, how far it got, and a 取消 button.

    It follows one job at a time (the latest started); the button cancels that job only.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._job: Job | None = None
        self.retranslate()
        self.setVisible(False)

    @property
    def job(self) -> Job | None:
        return self._job

    def follow(self, job: Job, text: str) -> None:
        self._job = job
        self.label.setText(text)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        job.progress.connect(self._on_progress, QUEUED)
        self.setVisible(True)

    def release(self, job: Job) -> None:
        """``job`` ended; hide unless a newer job is being followed."""
        if job is self._job:
            self._job = None
            self.setVisible(False)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(tr("job.cancelled"))

    def _on_progress(self, percent: int, text: str) -> None:
        self.bar.setValue(percent)
        if text and self.cancel_button.isEnabled():
            self.label.setText(text)

    def retranslate(self) -> None:
        self.cancel_button.setText(tr("button.cancel"))


__all__ = ["ProgressStrip"]
