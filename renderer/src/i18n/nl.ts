// Dutch is the default: the people reading these screens are Dutch pupils and staff.
// vue-i18n message syntax: {name} interpolates; avoid a bare @, | or braces in plain text.
const nl = {
  app: {
    name: 'Gangbord',
    loading: 'Rooster laden…',
    offline: 'Geen verbinding met Gangbord. Opnieuw proberen…',
  },
  board: {
    now: 'Nu',
    next: 'Straks',
    free: 'Vrij',
    freeUntil: 'Vrij tot {time}',
    nothingPlanned: 'Geen les gepland',
    noRooms: 'Er zijn geen lokalen om te tonen.',
    rooms: 'Lokalen',
    page: 'Pagina {page} van {pages}',
    moreGroups: '+{count}',
  },
  change: {
    cancelled: 'Vervalt',
    movedAway: 'Verplaatst',
    movedTo: 'naar {rooms}',
    movedToNowhere: 'naar een ander lokaal',
    roomChanged: 'Ander lokaal',
    wasRoom: 'was {rooms}',
    substitute: 'Invaller',
    wasTeacher: 'was {teachers}',
    added: 'Extra',
    rescheduled: 'Verschoven',
    wasTime: 'was {time}',
  },
  status: {
    updated: 'Bijgewerkt {time}',
    notYetUpdated: 'Nog niet bijgewerkt',
    offline: 'Geen verbinding: dit zijn de laatst bekende gegevens.',
    syncFailing: 'Bijwerken lukt nu niet: dit zijn de laatst bekende gegevens.',
  },
  announcements: {
    label: 'Mededelingen',
    emergency: 'Belangrijk bericht',
  },
  staff: {
    title: 'Personeel',
    comingSoon: 'Inloggen voor personeel komt in een volgende versie.',
  },
};

export type MessageSchema = typeof nl;
export default nl;
