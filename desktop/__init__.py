"""PolicyDesk (科创金融政策测算台): offline eligibility and subsidy calculator."""

__version__ = "0.1.0"
