"""Reading from outside: the scenario file, rosters, sites, tables, written
plans, benchmark files, the shipped gazetteer and, on request, online
geocoders."""
