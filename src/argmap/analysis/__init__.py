"""Analysis over loaded maps: checks, acceptance semantics, forecast scoring, scenarios."""
