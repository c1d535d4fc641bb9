/** The person acting. Every model function takes one and records it on history rows. */
export type Actor = { id: number; name: string };
