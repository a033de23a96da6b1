// Pathways: competence framework, pathways, evaluations, quiz, progress, badges (src/modules/pathways).
import type { Bool } from './bool.ts';

export interface FrameworkDomainsTable {
  id: string;
  centerId: string;
  code: string;
  title: string;
  layer: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface FrameworkCompetencesTable {
  id: string;
  centerId: string;
  domainId: string;
  code: string;
  title: string;
  mediationTheme: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface FrameworkSubjectsTable {
  id: string;
  centerId: string;
  competenceId: string;
  code: string;
  title: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface FrameworkSkillsTable {
  id: string;
  centerId: string;
  subjectId: string;
  code: string;
  statement: string;
  difficulty: number;
  position: number;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PathwaysTable {
  id: string;
  centerId: string;
  title: string;
  audience: string;
  description: string | null;
  archivedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PathwayModulesTable {
  id: string;
  centerId: string;
  pathwayId: string;
  position: number;
  title: string;
  level: string;
  suggestedSessions: number;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PathwayModuleSkillsTable {
  id: string;
  centerId: string;
  moduleId: string;
  skillId: string;
  position: number;
}

export interface PathwayModuleActivitiesTable {
  id: string;
  centerId: string;
  moduleId: string;
  activityId: string;
}

export interface EnrolmentsTable {
  id: string;
  centerId: string;
  pathwayId: string;
  personId: string | null;
  userId: string | null;
  startModuleId: string | null;
  status: string;
  source: string;
  enrolledAt: string;
  enrolledBy: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
}

export interface EvaluationsTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  moduleId: string | null;
  kind: string;
  recordedAt: string;
  recordedBy: string | null;
  recordedByLabel: string | null;
  comment: string | null;
}

export interface EvaluationResultsTable {
  id: string;
  centerId: string;
  evaluationId: string;
  skillId: string;
  status: string;
  autonomy: string | null;
}

export interface QuizQuestionsTable {
  id: string;
  centerId: string;
  skillId: string;
  prompt: string;
  picture: string | null;
  pictureAlt: string | null;
  retiredAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface QuizChoicesTable {
  id: string;
  centerId: string;
  questionId: string;
  label: string;
  correct: Bool;
  position: number;
}

export interface QuizSessionsTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  seed: string;
  maxLength: number;
  status: string;
  currentQuestionId: string | null;
  placementModuleId: string | null;
  evaluationId: string | null;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface QuizAnswersTable {
  id: string;
  centerId: string;
  sessionId: string;
  position: number;
  questionId: string;
  skillId: string;
  choiceId: string | null;
  outcome: string;
  answeredAt: string;
}

export interface ProgressLinksTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  tokenHash: string;
  expiresAt: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface BadgeKeysTable {
  id: string;
  centerId: string;
  publicKeyMultibase: string;
  secretEncrypted: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface BadgesTable {
  id: string;
  centerId: string;
  enrolmentId: string;
  scope: string;
  moduleId: string | null;
  title: string;
  issuedAt: string;
  credential: string;
  keyId: string | null;
  showName: Bool;
  showSkills: Bool;
  publicName: string | null;
  revokedAt: string | null;
}

export interface RoleTrainingRequirementsTable {
  id: string;
  centerId: string;
  role: string;
  pathwayId: string;
  createdBy: string | null;
  createdAt: string;
}

export interface PathwaysTables {
  frameworkDomains: FrameworkDomainsTable;
  frameworkCompetences: FrameworkCompetencesTable;
  frameworkSubjects: FrameworkSubjectsTable;
  frameworkSkills: FrameworkSkillsTable;
  pathways: PathwaysTable;
  pathwayModules: PathwayModulesTable;
  pathwayModuleSkills: PathwayModuleSkillsTable;
  pathwayModuleActivities: PathwayModuleActivitiesTable;
  enrolments: EnrolmentsTable;
  evaluations: EvaluationsTable;
  evaluationResults: EvaluationResultsTable;
  quizQuestions: QuizQuestionsTable;
  quizChoices: QuizChoicesTable;
  quizSessions: QuizSessionsTable;
  quizAnswers: QuizAnswersTable;
  progressLinks: ProgressLinksTable;
  badgeKeys: BadgeKeysTable;
  badges: BadgesTable;
  roleTrainingRequirements: RoleTrainingRequirementsTable;
}
