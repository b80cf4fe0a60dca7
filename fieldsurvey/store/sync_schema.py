"""Tables of the sync issue, added to the workspace by a named migration.

Coordinator side: ``sync_devices`` (issued device keys, revocation), ``sync_bundles``
(every accepted bundle, unique per device and sequence), ``sync_records`` (only for
merged interviews the coordinator has edited: owning device, the device revision last
merged and its answers as the common ancestor; see :func:`migrate_sync_snapshots`),
``sync_conflicts``, ``sync_audit`` (the audit entries each bundle carried, one row per
bundle) and ``sync_alerts`` (equivocation). Laptop side: ``sync_receipts`` (receipts
applied) and ``sync_exports`` (what was last exported of each interview).

Read and written by: :mod:`~fieldsurvey.store.device_registry` (devices),
:mod:`~fieldsurvey.store.bundle_log` (bundles, their audit, alerts),
:mod:`~fieldsurvey.store.sync_records` and :mod:`~fieldsurvey.store.sync_conflicts`
(merged records, conflicts), :mod:`~fieldsurvey.store.export_log` (exports) and
:mod:`~fieldsurvey.store.receipt_log` (receipts).
"""

from __future__ import annotations

from fieldsurvey.store.database import Database


def migrate_sync_tables(db: Database) -> None:
    db.execute(
        """CREATE TABLE sync_devices (
            device_id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            signing_public TEXT NOT NULL,
            age_recipient TEXT NOT NULL,
            added TEXT NOT NULL,
            revoked TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE sync_bundles (
            bundle_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            payload_sha256 TEXT NOT NULL,
            created TEXT NOT NULL,
            imported TEXT NOT NULL,
            summary TEXT NOT NULL,
            UNIQUE (device_id, sequence)
        )"""
    )
    db.execute(
        """CREATE TABLE sync_records (
            uuid TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            synced_revision INTEGER NOT NULL,
            ancestor TEXT,
            bundle_id TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_sync_records_device ON sync_records (device_id)")
    # The first time the coordinator changes a merged record's answers, keep the
    # answers the device sent as the common ancestor for a later three-way merge.
    db.execute(
        """CREATE TRIGGER sync_keep_ancestor BEFORE UPDATE OF answers ON interviews
        WHEN NEW.answers IS NOT OLD.answers AND EXISTS (
            SELECT 1 FROM sync_records WHERE uuid = OLD.uuid AND ancestor IS NULL)
        BEGIN
            UPDATE sync_records SET ancestor = OLD.answers WHERE uuid = OLD.uuid;
        END"""
    )
    db.execute(
        """CREATE TABLE sync_conflicts (
            uuid TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            bundle_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            record TEXT NOT NULL,
            fields TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_audit (
            bundle_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            count INTEGER NOT NULL,
            entries TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_alerts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            device_id TEXT NOT NULL,
            sequence INTEGER,
            detail TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sync_receipts (
            receipt_id TEXT PRIMARY KEY,
            imported TEXT NOT NULL,
            summary TEXT NOT NULL
        )"""
    )


def migrate_sync_exports(db: Database) -> None:
    """Laptop side: what was last exported of each interview (revision, audit position)."""
    db.execute(
        """CREATE TABLE sync_exports (
            uuid TEXT PRIMARY KEY,
            revision INTEGER NOT NULL,
            audit_seq INTEGER NOT NULL,
            sequence INTEGER NOT NULL
        )"""
    )


def migrate_sync_snapshots(db: Database) -> None:
    """Coordinator records keep a ``sync_records`` row only once the coordinator edits.

    A merged record without a row *is* the device revision last merged. Before the
    coordinator first changes its answers or revision, this trigger snapshots that
    state (owner, revision, answers as the common ancestor) for a later three-way
    merge. Only records of registered devices (coordinator side) are snapshotted.
    """
    db.execute("DROP TRIGGER IF EXISTS sync_keep_ancestor")
    # Likely duplicate households (same ward and household id) are looked up per bundle.
    db.execute("CREATE INDEX idx_interviews_household ON interviews (ward, household_id)")
    db.execute(
        """CREATE TRIGGER sync_snapshot BEFORE UPDATE OF answers, revision ON interviews
        WHEN (NEW.answers IS NOT OLD.answers OR NEW.revision IS NOT OLD.revision)
            AND NOT EXISTS (SELECT 1 FROM sync_records WHERE uuid = OLD.uuid)
            AND EXISTS (SELECT 1 FROM sync_devices WHERE device_id = OLD.device_id)
        BEGIN
            INSERT INTO sync_records (uuid, device_id, synced_revision, ancestor, bundle_id)
            VALUES (OLD.uuid, OLD.device_id, OLD.revision, OLD.answers, '');
        END"""
    )
