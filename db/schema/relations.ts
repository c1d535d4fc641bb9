import { relations } from "drizzle-orm";
import { candidates, profileItems } from "./candidates";
import { coalitionPartners, coalitions } from "./coalitions";
import { affiliateCoverage, affiliates, partners } from "./partners";
import { races } from "./races";
import { subCoalitionMembers, subCoalitions } from "./sub-coalitions";

export const coalitionsRelations = relations(coalitions, ({ many }) => ({
  races: many(races),
  seats: many(coalitionPartners),
}));
export const coalitionPartnersRelations = relations(coalitionPartners, ({ one }) => ({
  coalition: one(coalitions, { fields: [coalitionPartners.coalitionId], references: [coalitions.id] }),
  partner: one(partners, { fields: [coalitionPartners.partnerId], references: [partners.id] }),
}));
export const partnersRelations = relations(partners, ({ many }) => ({
  affiliates: many(affiliates),
  seats: many(coalitionPartners),
}));
export const affiliatesRelations = relations(affiliates, ({ one, many }) => ({
  partner: one(partners, { fields: [affiliates.partnerId], references: [partners.id] }),
  coverage: many(affiliateCoverage),
}));
export const affiliateCoverageRelations = relations(affiliateCoverage, ({ one }) => ({
  affiliate: one(affiliates, { fields: [affiliateCoverage.affiliateId], references: [affiliates.id] }),
}));
export const racesRelations = relations(races, ({ one, many }) => ({
  coalition: one(coalitions, { fields: [races.coalitionId], references: [coalitions.id] }),
  candidates: many(candidates),
}));
export const candidatesRelations = relations(candidates, ({ one, many }) => ({
  race: one(races, { fields: [candidates.raceId], references: [races.id] }),
  items: many(profileItems),
}));
export const profileItemsRelations = relations(profileItems, ({ one }) => ({
  candidate: one(candidates, { fields: [profileItems.candidateId], references: [candidates.id] }),
}));
export const subCoalitionsRelations = relations(subCoalitions, ({ one, many }) => ({
  candidate: one(candidates, { fields: [subCoalitions.candidateId], references: [candidates.id] }),
  members: many(subCoalitionMembers),
}));
export const subCoalitionMembersRelations = relations(subCoalitionMembers, ({ one }) => ({
  subCoalition: one(subCoalitions, { fields: [subCoalitionMembers.subCoalitionId], references: [subCoalitions.id] }),
  partner: one(partners, { fields: [subCoalitionMembers.partnerId], references: [partners.id] }),
}));
