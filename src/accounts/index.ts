// Accounts as pure rules: password and secret hashing, roles and what each Access admits, the scope of a user.
export * from './passwords.js';
export * from './roles.js';
export * from './scope.js';
