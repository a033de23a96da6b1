// The public resource space: practical guides and their activities (src/modules/resources).

export interface FichesTable {
  id: string;
  centerId: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  level: string;
  /** Mediation theme codes joined by spaces. */
  themes: string;
  /** CRCN competence codes joined by spaces ("4.1 4.2"). */
  competences: string;
  status: string;
  /** Folded words (no accents, lower case) the PostgreSQL full-text index reads. */
  searchTitle: string;
  searchText: string;
  publishedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FicheActivitiesTable {
  id: string;
  centerId: string;
  ficheId: string;
  activityId: string;
}

/** An image of a fiche, served at /ressources/images/:id. */
export interface FicheImagesTable {
  id: string;
  centerId: string;
  ficheId: string;
  /** image/png, image/jpeg or image/webp, as read from the bytes. */
  mime: string;
  size: number;
  sha256: string;
  altText: string;
  data: Buffer;
  createdBy: string | null;
  createdAt: string;
}

/** A fiche given with a pathway module or a navette visit report. */
export interface FicheLinksTable {
  id: string;
  centerId: string;
  ficheId: string;
  /** pathway_module, visit_report. */
  subject: string;
  subjectId: string;
}

export interface ResourcesTables {
  fiches: FichesTable;
  ficheActivities: FicheActivitiesTable;
  ficheImages: FicheImagesTable;
  ficheLinks: FicheLinksTable;
}
