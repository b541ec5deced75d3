"""The archive's pages: the browser of an account's records, a record with its proof, import jobs."""
