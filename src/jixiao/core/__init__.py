"""Pure domain and scoring: no Qt, no SQL, no file formats beyond JSON-able dicts."""
