module.exports = { preset: '@mlops/jest-preset' };
