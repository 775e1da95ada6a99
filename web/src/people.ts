/** A person as Vietnamese documents write them: academic title before the name ("PGS.TS. Nguyễn Văn A"). */
export function personName(person: { fullName: string; title: string | null }): string {
  return person.title ? `${person.title} ${person.fullName}` : person.fullName;
}
