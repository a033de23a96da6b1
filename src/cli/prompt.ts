import { createInterface } from 'node:readline';
import { CliError } from './errors.ts';

/**
 * Asks for a secret at the terminal without echoing it. The question goes to stderr so that
 * stdout stays clean for scripts.
 */
export function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('Aucun terminal pour saisir le mot de passe.');
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // readline echoes what is typed through this method: it writes the question, then is muted.
    let muted = false;
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
      if (!muted) process.stderr.write(text);
    };
    rl.on('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      reject(new CliError('Saisie interrompue : rien n’a été créé.'));
    });
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** The password of a new account: LIEUDIT_PASSWORD, or typed twice at the terminal. */
export async function readNewPassword(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.LIEUDIT_PASSWORD !== undefined && env.LIEUDIT_PASSWORD !== '') return env.LIEUDIT_PASSWORD;
  if (!process.stdin.isTTY) {
    throw new CliError(
      'Indiquez le mot de passe dans la variable d’environnement LIEUDIT_PASSWORD, ou lancez la commande dans un terminal pour le saisir.',
    );
  }
  const first = await askHidden('Mot de passe (12 caractères au moins) : ');
  const second = await askHidden('Saisissez-le à nouveau : ');
  if (first !== second) throw new CliError('Les deux saisies ne correspondent pas : rien n’a été créé. Recommencez.');
  return first;
}
