"""Small widgets the main window is built from: the job progress strip and the welcome page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import tr
from desktop.ui.workers import QUEUED, Job


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


class WelcomePage(QWidget):
    """Shown until the first evaluation: says what to do, offers the two ways to start."""

    open_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1f2933;")
        self.text = QLabel()
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 11pt; color: #52606d;")
        self.open_button = QPushButton()
        self.sample_button = QPushButton()
        for button in (self.open_button, self.sample_button):
            button.setMinimumSize(160, 36)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.text)
        layout.addSpacing(20)
        layout.addLayout(buttons)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("app.title"))
        self.text.setText(tr("welcome"))
        self.open_button.setText(tr("action.open"))
        self.sample_button.setText(tr("action.open_sample"))


__all__ = ["ProgressStrip", "WelcomePage"]
