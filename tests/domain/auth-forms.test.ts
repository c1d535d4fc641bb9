import { describe, expect, it } from "vitest";
import { existingAccountForm, invitationForm, loginForm, newPasswordForm, PASSWORD_MIN, safeRedirect } from "~/domain/auth-forms";
import { parseForm } from "~/domain/forms";

function errorsOf(schema: Parameters<typeof parseForm>[0], values: Record<string, string>) {
  const r = parseForm(schema, values);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.data)}`);
  expect(r.values).toEqual(values);
  return r.errors;
}

function dataOf<S extends Parameters<typeof parseForm>[0]>(schema: S, values: Record<string, string>) {
  const r = parseForm(schema, values);
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.data;
}

describe("loginForm", () => {
  it("takes an email (trimmed), a password and an optional redirect", () => {
    expect(dataOf(loginForm, { email: "  dana@example.org ", password: " pass with spaces " })).toEqual({
      email: "dana@example.org",
      password: " pass with spaces ",
    });
    expect(dataOf(loginForm, { email: "a@b.c", password: "x", redirectTo: "/tables/1" }).redirectTo).toBe("/tables/1");
  });

  it("asks for what is missing", () => {
    expect(errorsOf(loginForm, {})).toEqual({ email: "Enter your email.", password: "Enter your password." });
    expect(errorsOf(loginForm, { email: "   ", password: "" })).toEqual({ email: "Enter your email.", password: "Enter your password." });
  });

  it("refuses absurd lengths", () => {
    expect(errorsOf(loginForm, { email: `${"a".repeat(200)}@b.c`, password: "x" }).email).toBe("That email is too long.");
    expect(errorsOf(loginForm, { email: "a@b.c", password: "x".repeat(1001) }).password).toBe("That password is too long.");
  });
});

describe("newPasswordForm", () => {
  const pw = (n: number) => "p".repeat(n);

  it(`needs at least ${PASSWORD_MIN} characters`, () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(errorsOf(newPasswordForm, { password: pw(11), confirm: pw(11) }).password).toBe("Use at least 12 characters.");
    expect(dataOf(newPasswordForm, { password: pw(12), confirm: pw(12) })).toEqual({ name: "", password: pw(12), confirm: pw(12) });
  });

  it("puts a mismatch on the confirmation field", () => {
    const errors = errorsOf(newPasswordForm, { password: "correct horse battery", confirm: "correct horse battery!" });
    expect(errors).toEqual({ confirm: "The two passwords differ." });
  });

  it("asks for both fields", () => {
    const errors = errorsOf(newPasswordForm, {});
    expect(errors.password).toBe("Choose a password.");
    expect(errors.confirm).toBe("Type the password again.");
  });

  it("keeps the name, trimmed, and limits it", () => {
    expect(dataOf(newPasswordForm, { name: "  Dana Reyes ", password: pw(12), confirm: pw(12) }).name).toBe("Dana Reyes");
    expect(errorsOf(newPasswordForm, { name: "n".repeat(121), password: pw(12), confirm: pw(12) }).name).toBe("Name must be at most 120 characters.");
  });

  it("refuses a password over 1000 characters", () => {
    expect(errorsOf(newPasswordForm, { password: pw(1001), confirm: pw(1001) }).password).toBe("That password is too long.");
  });
});

describe("existingAccountForm", () => {
  it("only needs the current password, whatever its length", () => {
    expect(dataOf(existingAccountForm, { password: "short" })).toEqual({ password: "short" });
    expect(errorsOf(existingAccountForm, {}).password).toBe("Enter your password.");
  });
});

describe("invitationForm", () => {
  const good = { name: "Dana Reyes", email: "dana@wfa.example.org", role: "partner_rep", partnerId: "3" };

  it("parses a representative's invitation", () => {
    expect(dataOf(invitationForm, good)).toEqual({ name: "Dana Reyes", email: "dana@wfa.example.org", role: "partner_rep", partnerId: 3, affiliateId: null });
  });

  it("takes every role", () => {
    for (const role of ["facilitator", "partner_rep", "affiliate_lead", "counsel"]) {
      expect(dataOf(invitationForm, { ...good, role }).role).toBe(role);
    }
  });

  it("names each missing or wrong field", () => {
    expect(errorsOf(invitationForm, {})).toEqual({
      name: "Give the person's name.",
      email: "Give the person's email.",
      role: "Choose a role.",
    });
    expect(errorsOf(invitationForm, { ...good, email: "not an email" }).email).toBe("Email must look like name@example.org.");
    expect(errorsOf(invitationForm, { ...good, email: "dana@localhost" }).email).toBe("Email must look like name@example.org.");
    expect(errorsOf(invitationForm, { ...good, role: "admin" }).role).toBe("Choose a role.");
    expect(errorsOf(invitationForm, { ...good, name: "   " }).name).toBe("Give the person's name.");
    expect(errorsOf(invitationForm, { ...good, name: "n".repeat(121) }).name).toBe("Name must be at most 120 characters.");
  });

  it.each(["", "0", "-1", "abc", "1.5", "01", "1e3", " 3"])("reads the id %j as no id", (raw) => {
    const data = dataOf(invitationForm, { ...good, partnerId: raw, affiliateId: raw });
    expect(data.partnerId).toBeNull();
    expect(data.affiliateId).toBeNull();
  });

  it("reads an affiliate id", () => {
    expect(dataOf(invitationForm, { ...good, role: "affiliate_lead", partnerId: "", affiliateId: "12" })).toMatchObject({ partnerId: null, affiliateId: 12 });
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/tables/1", "/tables/1"],
    ["/tables/1/matrix?race=2", "/tables/1/matrix?race=2"],
    ["/", "/"],
  ])("keeps the same-site path %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/tables/1",
    "https://evil.example",
    "http://localhost:3000/tables/1",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "javascript:alert(1)",
    "tables/1",
    "",
    null,
    undefined,
  ])("falls back for %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(safeRedirect(to, "/admin")).toBe("/admin");
  });

  it.each(["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example"])("refuses %j, which a browser reads as another site", (to) => {
    expect(new URL(to, "http://localhost:3000").host).toBe("evil.example");
    expect(safeRedirect(to)).toBe("/");
  });
});
