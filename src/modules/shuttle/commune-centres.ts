/**
 * Where a visit is placed when staff gave no pin: the centre of the person's commune (around
 * the town hall, to a few hundred metres). The national commune list we ship has no
 * coordinates, so the module keeps those of the communes its centres serve; a commune missing
 * here leaves the request unplaced until someone pins the home (the planner then says so).
 * [longitude, latitude], WGS 84.
 */
const CENTRES: Record<string, [number, number]> = {
  // Communauté d'agglomération de Cambrai, around Masnières (the demo centre)
  '59122': [3.2351, 50.1758], // Cambrai
  '59389': [3.2083, 50.1147], // Masnières
  '59377': [3.1753, 50.1211], // Marcoing
  '59269': [3.1239, 50.0578], // Gouzeaucourt
  '59502': [3.3497, 50.2008], // Rieux-en-Cambrésis
  '59520': [3.2228, 50.1297], // Rumilly-en-Cambrésis
  '59517': [3.2353, 50.0931], // Les Rues-des-Vignes
  '59161': [3.2553, 50.1014], // Crèvecœur-sur-l'Escaut
  '59625': [3.1375, 50.0808], // Villers-Plouich
  '59500': [3.1306, 50.1039], // Ribécourt-la-Tour
  '59047': [3.1975, 50.0608], // Banteux
  '59049': [3.2158, 50.0567], // Bantouzelle
  '59267': [3.1578, 50.0575], // Gonnelieu
  '59312': [3.1986, 50.0367], // Honnecourt-sur-Escaut
  '59438': [3.1644, 50.1328], // Noyelles-sur-Escaut
  '59125': [3.1700, 50.1433], // Cantaing-sur-Escaut
  '59236': [3.1133, 50.1203], // Flesquières
  '59476': [3.2089, 50.1608], // Proville
  '59432': [3.2625, 50.1433], // Niergnies
  '59567': [3.2786, 50.1175], // Séranvillers-Forenville
  '59209': [3.2842, 50.0939], // Esnes
};

export function communeCentre(insee: string): [number, number] | null {
  return CENTRES[insee] ?? null;
}
