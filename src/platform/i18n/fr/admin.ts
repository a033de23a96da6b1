export const admin = {
  'admin.user.roleInvalid': 'Choisissez un rôle dans la liste',
  'admin.user.emailTaken': 'Un compte existe déjà avec cette adresse e-mail',
} as const;
