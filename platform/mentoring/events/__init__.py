"""Programme events: invitations, RSVP, reminders, check-in, calendars, interviews."""
