/**
 * @module sources/fivethirtyeight-elo/designated-home
 * NFL games where 538's `team1` is not the NFL's designated home team. 538 treats team1 as the home
 * side of its Elo (home-field advantage, or none when `neutral` = 1), but for some neutral-site games
 * of the 1999–2014 seasons it lists the designated VISITOR as team1: Super Bowls XXXIV–XLIX except
 * XXXVII, XXXVIII, XXXIX and XLVIII, the London and Mexico City games, the Chargers' 2003 wildfire
 * game in Tempe, the Saints' 2005 post-Katrina "home" games and the Vikings' 2010 game in Detroit.
 * From the 2015 season on, and in all other 1999–2014 games, 538's team1 is the designated home team.
 *
 * Found by matching every 1999–2020 row against nflverse `games.csv` on (date, home, away): these 30
 * rows match only with the teams swapped, and nflverse's home team is the NFL's designation (for
 * Super Bowls the AFC team in even-numbered games). Without the swap each would be a second curated
 * game next to nflverse's. Seasons before 1999 have no second source here and are left as published.
 *
 * Keyed by 538's own date and codes, so the table changes nothing if 538's file is ever corrected.
 */

/** `date|team1|team2` as 538 writes them, for rows whose team1 is the designated visitor. */
const VISITOR_LISTED_FIRST: ReadonlySet<string> = new Set(
  [
    ['2000-01-30', 'LAR', 'TEN'], // Super Bowl XXXIV, Atlanta
    ['2001-01-28', 'BAL', 'NYG'], // Super Bowl XXXV, Tampa
    ['2002-02-03', 'LAR', 'NE'], // Super Bowl XXXVI, New Orleans
    ['2003-10-27', 'MIA', 'LAC'], // Chargers home game moved to Tempe (wildfires)
    ['2005-09-19', 'NYG', 'NO'], // Saints home game at Giants Stadium (Katrina); 538 neutral = 0
    ['2005-10-02', 'SF', 'ARI'], // Mexico City
    ['2005-10-02', 'BUF', 'NO'], // Saints home game in San Antonio
    ['2005-10-16', 'ATL', 'NO'], // Saints home game in San Antonio
    ['2005-12-24', 'DET', 'NO'], // Saints home game in San Antonio
    ['2006-02-05', 'SEA', 'PIT'], // Super Bowl XL, Detroit
    ['2007-02-04', 'IND', 'CHI'], // Super Bowl XLI, Miami
    ['2007-10-28', 'NYG', 'MIA'], // London
    ['2008-02-03', 'NYG', 'NE'], // Super Bowl XLII, Glendale
    ['2008-10-26', 'LAC', 'NO'], // London
    ['2009-02-01', 'PIT', 'ARI'], // Super Bowl XLIII, Tampa
    ['2009-10-25', 'NE', 'TB'], // London
    ['2010-02-07', 'NO', 'IND'], // Super Bowl XLIV, Miami
    ['2010-10-31', 'DEN', 'SF'], // London
    ['2010-12-13', 'NYG', 'MIN'], // Vikings home game at Ford Field (Metrodome roof collapse)
    ['2011-02-06', 'PIT', 'GB'], // Super Bowl XLV, Arlington
    ['2011-10-23', 'CHI', 'TB'], // London
    ['2012-02-05', 'NYG', 'NE'], // Super Bowl XLVI, Indianapolis
    ['2012-10-28', 'NE', 'LAR'], // London
    ['2013-02-03', 'BAL', 'SF'], // Super Bowl XLVII, New Orleans
    ['2013-09-29', 'PIT', 'MIN'], // London
    ['2013-10-27', 'SF', 'JAX'], // London
    ['2014-09-28', 'MIA', 'OAK'], // London
    ['2014-10-26', 'DET', 'ATL'], // London
    ['2014-11-09', 'DAL', 'JAX'], // London
    ['2015-02-01', 'NE', 'SEA'], // Super Bowl XLIX, Glendale
  ].map((parts) => parts.join('|')),
);

/** Whether 538's NFL row (`date` ISO, team codes as written) lists the designated visitor as team1. */
export function isVisitorListedFirst(date: string, team1Code: string, team2Code: string): boolean {
  return VISITOR_LISTED_FIRST.has(`${date}|${team1Code.toUpperCase()}|${team2Code.toUpperCase()}`);
}
