// `tsvmap/language-service` for resolvers that do not read package.json "exports", as tsserver's plugin loader.
module.exports = require("./dist/transformer/language-service.js");
