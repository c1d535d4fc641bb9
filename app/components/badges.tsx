import type { Stance } from "~/domain/vocabulary";
import type { LegalType } from "~/domain/vocabulary";
import type { SourceKind } from "~/domain/vocabulary";
import { STANCE_LABELS, SUB_TABLE_STATUS_LABELS, type SubTableStatus } from "~/domain/critical-mass";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";

export function StanceBadge({ stance }: { stance: Stance | null | undefined }) {
  if (!stance) return <span className="stance stance-none">—</span>;
  return <span className={`stance stance-${stance}`}>{STANCE_LABELS[stance]}</span>;
}

export function LegalTypeBadge({ legalType }: { legalType: LegalType }) {
  return <span className={`badge legal-${legalType}`}>{LEGAL_TYPE_LABELS[legalType]}</span>;
}

export function SubTableStatusBadge({ status }: { status: SubTableStatus }) {
  return <span className={`badge status-${status}`}>{SUB_TABLE_STATUS_LABELS[status]}</span>;
}

export const SOURCE_LABELS: Record<SourceKind, string> = {
  public: "Public",
  campaign: "From the campaign",
  research: "Table research",
};

export function SourceBadge({ kind }: { kind: SourceKind }) {
  return <span className={`badge source-${kind}`}>{SOURCE_LABELS[kind]}</span>;
}

export function CountOf({ count, threshold }: { count: number; threshold: number }) {
  return (
    <span className={`count-of${count >= threshold ? " reached" : ""}`} aria-label={`${count} of ${threshold} partners needed`}>
      {count} of {threshold}
    </span>
  );
}
