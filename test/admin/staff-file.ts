import { freshPersonnummer } from './harness.ts';

/** A file with two good people (one with two commissions, one SITHS-only) and bad rows. */
export function staffFile() {
  const [anna, cecilia, dan, fia] = [
    freshPersonnummer(),
    freshPersonnummer(),
    freshPersonnummer(),
    freshPersonnummer(),
  ];
  const header =
    'personalIdentityNumber;givenName;familyName;employeeHsaId;systemRoles;' +
    'commissionHsaId;commissionName;commissionPurpose';
  const rows = [
    `${anna};Anna;Andersson;SE5591234561-AA01;r1|r2;SE5591234561-UPP1;Läkare;Vård och behandling`,
    `${anna};Anna;Andersson;SE5591234561-AA01;r1|r2;SE5591234561-UPP2;Admin;Administration`,
    '199001019803;Bo;Berg;;;;;',
    `${cecilia};;Carlsson;;;;;`,
    `${dan};Dan;Dahl;SE5591234561-AA01;;;;`,
    ';Eva;Ek;;;;;',
    `${anna};Annie;Andersson;SE5591234561-AA01;r1|r2;;;`,
    `${fia};Fia;Frisk;;;fel-hsa-id;Sjuksköterska;Vård och behandling`,
    ';Gustav;Gran;se5591234561-gg01;;;;',
  ];
  return { text: `\ufeff${header}\n${rows.join('\n')}\n`, anna, fia };
}
