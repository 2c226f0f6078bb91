import type { MessageSchema } from './nl';

const en: MessageSchema = {
  app: {
    name: 'Gangbord',
    loading: 'Loading the timetable…',
    offline: 'Cannot reach Gangbord. Trying again…',
  },
  board: {
    now: 'Now',
    next: 'Next',
    free: 'Free',
    freeUntil: 'Free until {time}',
    nothingPlanned: 'No lesson planned',
    noRooms: 'There are no rooms to show.',
    rooms: 'Rooms',
    page: 'Page {page} of {pages}',
    moreGroups: '+{count}',
  },
  change: {
    cancelled: 'Cancelled',
    movedAway: 'Moved',
    movedTo: 'to {rooms}',
    movedToNowhere: 'to another room',
    roomChanged: 'Room change',
    wasRoom: 'was {rooms}',
    substitute: 'Substitute',
    wasTeacher: 'was {teachers}',
    added: 'Extra',
    rescheduled: 'Rescheduled',
    wasTime: 'was {time}',
  },
  status: {
    updated: 'Updated {time}',
    notYetUpdated: 'Not updated yet',
    offline: 'No connection: showing the last known data.',
    syncFailing: 'Updating fails at the moment: showing the last known data.',
  },
  announcements: {
    label: 'Announcements',
    emergency: 'Important message',
  },
  staff: {
    title: 'Staff',
    comingSoon: 'Staff sign-in arrives in a later version.',
  },
};

export default en;
