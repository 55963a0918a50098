"""The quality desk: holds, alerts, complaints, recalls (real and mock), exports and the audit trail."""
