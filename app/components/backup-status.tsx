/** The admin page's backup panel: the last backup's result, as the command or the schedule wrote it. */
export type BackupView = {
  dir: string;
  keep: number;
  everyMinutes: number;
  last:
    | { ok: true; file: string; bytes: number; auditRows: number; finishedAt: string; kept: number }
    | { ok: false; error: string; finishedAt: string }
    | null;
};

function when(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export function BackupStatus({ backups }: { backups: BackupView }) {
  const { last } = backups;
  return (
    <section className="card" aria-labelledby="admin-backups">
      <h2 id="admin-backups">Backups</h2>
      {!last ? (
        <p className="notice warn" role="status">
          No backup has been taken yet. Run <code>npm run backup</code>, or set <code>BACKUP_INTERVAL_MINUTES</code>.
        </p>
      ) : last.ok ? (
        <p className="notice ok" role="status" data-testid="last-backup">
          Last backup {when(last.finishedAt)}: <code>{last.file.split("/").at(-1)}</code>, {Math.max(1, Math.round(last.bytes / 1024))} KB, integrity checked, audit chain
          intact over {last.auditRows} rows. {last.kept} kept.
        </p>
      ) : (
        <p className="notice warn" role="alert" data-testid="last-backup">
          The last backup FAILED ({when(last.finishedAt)}): {last.error}
        </p>
      )}
      <p className="hint">
        {backups.everyMinutes > 0 ? `Taken every ${backups.everyMinutes} minutes while the server runs` : "No schedule (BACKUP_INTERVAL_MINUTES is not set)"}; the newest {backups.keep} are
        kept in <code>{backups.dir}</code>.
      </p>
    </section>
  );
}
