import { DeskApi } from './api.js';
import { Desk } from './desk.js';
import { byId } from './dom.js';
import { claimsOf, forgetToken, keepToken, takeToken } from './session.js';

/** Signs the agent in with their token, then runs the desk. */
function start(): void {
  const token = takeToken();
  if (!token) {
    byId('sign-in').hidden = false;
    byId<HTMLFormElement>('sign-in-form').addEventListener('submit', (event) => {
      event.preventDefault();
      keepToken(byId<HTMLTextAreaElement>('token-input').value);
      location.reload();
    });
    return;
  }
  const claims = claimsOf(token);
  byId('who').textContent = claims ? `${claims.sub} · ${claims.tenant}` : '';
  const signOut = byId('sign-out');
  signOut.hidden = false;
  signOut.addEventListener('click', () => {
    forgetToken();
    location.reload();
  });
  byId('desk').hidden = false;
  void new Desk(new DeskApi(token), claims?.sub ?? '').start();
}

start();
