"""Small widgets the main window is built from: the job progress strip (the start page is
:mod:`desktop.ui.start_page`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
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


__all__ = ["ProgressStrip"]
