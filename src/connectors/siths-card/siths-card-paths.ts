/** The chooser sends the browser to `${startPath}/${uid}` (login-method.ts). */
export const startPath = '/login/siths-card';
