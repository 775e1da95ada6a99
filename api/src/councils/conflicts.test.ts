import { describe, expect, it } from "vitest";
import { defaultParameter } from "../rules/parameters.ts";
import {
  type CouncilFacts,
  checkMember,
  compositionComplete,
  compositionRoles,
  memberFlags,
  type SeatedMember,
  type TaskFacts,
} from "./conflicts.ts";

const composition = defaultParameter("council_composition", "law_2013").acceptance;
const HOST = 50;
const task: TaskFacts = { taskId: 7, teamPersonIds: [100, 101], hostOrganisationId: HOST };

const seat = (memberId: number, role: SeatedMember["role"], organisationId: number | null = null): SeatedMember => ({
  memberId,
  personId: memberId * 10,
  role,
  organisationId,
});
const council = (members: SeatedMember[]): CouncilFacts => ({ composition, members });
const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe("adding a council member", () => {
  it("accepts an outsider in a free seat", () => {
    expect(checkMember({ personId: 1, role: "chair", organisationId: 9 }, council([]), [task])).toEqual([]);
  });

  it("refuses the PI or a team member (TEAM_MEMBER)", () => {
    const flags = checkMember({ personId: 101, role: "member", organisationId: null }, council([]), [task]);
    expect(flags).toEqual([
      expect.objectContaining({ code: "TEAM_MEMBER", severity: "refuse", field: "personId", taskIds: [7] }),
    ]);
  });

  it("checks every task of a council that reviews several", () => {
    const other: TaskFacts = { taskId: 8, teamPersonIds: [200], hostOrganisationId: 60 };
    const flags = checkMember({ personId: 200, role: "member", organisationId: null }, council([]), [task, other]);
    expect(flags[0]).toMatchObject({ code: "TEAM_MEMBER", taskIds: [8] });
  });

  it.each(["chair", "vice_chair", "reviewer", "scientific_secretary"] as const)(
    "refuses a host-organisation person as %s (HOST_ORG_KEY_ROLE)",
    (role) => {
      const flags = checkMember({ personId: 1, role, organisationId: HOST }, council([]), [task]);
      expect(flags).toEqual([
        expect.objectContaining({ code: "HOST_ORG_KEY_ROLE", severity: "refuse", field: "role" }),
      ]);
    },
  );

  it("allows one host-organisation person as an ordinary member, with a warning", () => {
    const flags = checkMember({ personId: 1, role: "member", organisationId: HOST }, council([]), [task]);
    expect(flags).toEqual([expect.objectContaining({ code: "HOST_ORG_MEMBER", severity: "warn" })]);
  });

  it("refuses a second member from the host organisation (SECOND_HOST_MEMBER)", () => {
    const flags = checkMember(
      { personId: 1, role: "member", organisationId: HOST },
      council([seat(1, "member", HOST)]),
      [task],
    );
    expect(codes(flags)).toEqual(["SECOND_HOST_MEMBER"]);
  });

  it("refuses a person already on the council (ALREADY_MEMBER)", () => {
    const flags = checkMember({ personId: 10, role: "member", organisationId: null }, council([seat(1, "chair")]), [
      task,
    ]);
    expect(codes(flags)).toEqual(["ALREADY_MEMBER"]);
  });

  it("refuses a second chair, a third reviewer (ROLE_FULL)", () => {
    const seated = council([seat(1, "chair"), seat(2, "reviewer"), seat(3, "reviewer")]);
    expect(checkMember({ personId: 1, role: "chair", organisationId: null }, seated, [task])).toEqual([
      expect.objectContaining({ code: "ROLE_FULL", role: "chair", limit: 1, field: "role" }),
    ]);
    expect(codes(checkMember({ personId: 1, role: "reviewer", organisationId: null }, seated, [task]))).toEqual([
      "ROLE_FULL",
    ]);
    expect(checkMember({ personId: 1, role: "vice_chair", organisationId: null }, seated, [task])).toEqual([]);
  });

  it("refuses an ordinary member once the other seats leave no room (ROLE_FULL), and an eighth (COUNCIL_FULL)", () => {
    const five = [seat(1, "chair"), seat(2, "vice_chair"), seat(3, "reviewer"), seat(4, "reviewer"), seat(5, "member")];
    const six = [...five, seat(6, "member")];
    expect(codes(checkMember({ personId: 1, role: "member", organisationId: null }, council(six), [task]))).toEqual([
      "ROLE_FULL",
    ]);
    const seven = [...six, seat(7, "scientific_secretary")];
    expect(checkMember({ personId: 1, role: "member", organisationId: null }, council(seven), [task])).toEqual([
      expect.objectContaining({ code: "COUNCIL_FULL", limit: 7 }),
    ]);
  });

  it("lists refusals before warnings", () => {
    const flags = checkMember({ personId: 100, role: "member", organisationId: HOST }, council([]), [task]);
    expect(codes(flags)).toEqual(["TEAM_MEMBER"]);
  });

  it("flags seated members in conflict (e.g. the task's team changed after seating)", () => {
    const seated = council([seat(1, "chair", HOST), { ...seat(2, "member"), personId: 100 }, seat(3, "member", HOST)]);
    const flags = memberFlags(seated, [task]);
    expect(codes(flags.get(1) ?? [])).toEqual(["HOST_ORG_KEY_ROLE", "SECOND_HOST_MEMBER"]);
    expect(codes(flags.get(2) ?? [])).toEqual(["TEAM_MEMBER"]);
    expect(codes(flags.get(3) ?? [])).toEqual(["SECOND_HOST_MEMBER"]);
  });
});

describe("the composition a council needs", () => {
  it("shows the seats of the default acceptance council", () => {
    expect(compositionRoles(composition)).toEqual([
      { role: "chair", count: 1 },
      { role: "vice_chair", count: 1 },
      { role: "reviewer", count: 2 },
      { role: "scientific_secretary", count: 1 },
      { role: "member", count: 2 },
    ]);
  });

  it("is complete with chair, vice-chair, two reviewers, a secretary and seven in all", () => {
    const roles = ["chair", "vice_chair", "reviewer", "reviewer", "scientific_secretary", "member", "member"] as const;
    expect(
      compositionComplete(
        roles.map((role) => ({ role })),
        composition,
      ),
    ).toEqual({
      complete: true,
      size: 7,
      have: 7,
      missing: [],
    });
  });

  it("lists what is missing", () => {
    const roles = ["chair", "reviewer", "member", "member"] as const;
    const check = compositionComplete(
      roles.map((role) => ({ role })),
      composition,
    );
    expect(check.complete).toBe(false);
    expect(check.missing).toEqual([
      { code: "ROLE_MISSING", role: "vice_chair", needed: 1, have: 0 },
      { code: "ROLE_MISSING", role: "reviewer", needed: 2, have: 1 },
      { code: "ROLE_MISSING", role: "scientific_secretary", needed: 1, have: 0 },
      { code: "SIZE_SHORT", needed: 7, have: 4 },
    ]);
  });

  it("follows a size set by parameter (a national council of 9)", () => {
    const national = { ...composition, size: 9 };
    const roles = ["chair", "vice_chair", "reviewer", "reviewer", "scientific_secretary", "member", "member"] as const;
    expect(
      compositionComplete(
        roles.map((role) => ({ role })),
        national,
      ).missing,
    ).toEqual([{ code: "SIZE_SHORT", needed: 9, have: 7 }]);
    expect(compositionRoles(national).at(-1)).toEqual({ role: "member", count: 4 });
  });
});
