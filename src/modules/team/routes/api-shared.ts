// What the team's API route files share: their tag in the API document.
export const tags = ['Équipe'];
