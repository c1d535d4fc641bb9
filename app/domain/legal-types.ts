import type { LegalType } from "~/domain/vocabulary";

export const LEGAL_TYPE_LABELS: Record<LegalType, string> = {
  c3: "501(c)(3)",
  c4: "501(c)(4)",
  c5: "501(c)(5) labor union",
  pac: "PAC",
  super_pac: "Super PAC",
  hybrid_pac: "Hybrid PAC",
  "527": "527 organization",
};

/** An affiliate's legal type is its own when set, else its partner's. */
export function effectiveLegalType(affiliate: { legalType: LegalType | null }, partner: { legalType: LegalType }): LegalType {
  return affiliate.legalType ?? partner.legalType;
}

export type EndorsementPermission = { allowed: true } | { allowed: false; rule: "F1"; message: string };

/**
 * Firewall rule F1: a 501(c)(3) can never record, co-sign or join an endorsement or a
 * sub-table. Every other legal type may record one.
 */
export function mayEndorse(legalType: LegalType): EndorsementPermission {
  if (legalType === "c3") {
    return {
      allowed: false,
      rule: "F1",
      message:
        "A 501(c)(3) organization may not endorse candidates or join a sub-table (firewall rule F1). " +
        "Its work at the table stays nonpartisan. The attempt has been recorded.",
    };
  }
  return { allowed: true };
}
