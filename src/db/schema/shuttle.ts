// The shuttle (navette numérique): visit requests, tours, stops, visit reports (src/modules/shuttle).

export interface ShuttleVisitRequestsTable {
  id: string;
  centerId: string;
  personId: string;
  communeInsee: string;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  /** 'pin' (staff), 'geocoder' (found from the address), or null (none: the commune's centre). */
  locationSource: string | null;
  /** The geocoder's match score, 0–1, when it placed the request. */
  geocodeScore: number | null;
  problem: string;
  theme: string;
  urgency: string;
  /** JSON: [{ weekday 1–7, from "HH:MM", to "HH:MM" }]. */
  availability: string;
  notes: string | null;
  durationMinutes: number;
  status: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ShuttleToursTable {
  id: string;
  centerId: string;
  /** "YYYY-MM-DD". */
  date: string;
  /** "HH:MM", Europe/Paris wall clock, like every time of a tour. */
  shiftStart: string;
  shiftEnd: string;
  breakFrom: string | null;
  breakTo: string | null;
  breakMinutes: number | null;
  startLongitude: number;
  startLatitude: number;
  drivingSeconds: number;
  returnAt: string;
  status: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ShuttleTourStopsTable {
  id: string;
  centerId: string;
  tourId: string;
  requestId: string;
  position: number;
  arrival: string;
  departure: string;
}

/** A visit report of the navette, once per device-generated UUID (`clientId`) per centre. */
export interface ShuttleVisitReportsTable {
  id: string;
  centerId: string;
  clientId: string;
  requestId: string;
  personId: string;
  accompanimentId: string;
  summary: string;
  durationMinutes: number;
  outcome: string;
  /** JSON { motifId, siteId, startAt } of the appointment asked for, or null. */
  appointmentWanted: string | null;
  appointmentId: string | null;
  appointmentStatus: string;
  /** 'pathway' | 'tablet', joined by '|'. */
  followUps: string;
  recordedBy: string | null;
  writtenAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ShuttleTables {
  shuttleVisitRequests: ShuttleVisitRequestsTable;
  shuttleTours: ShuttleToursTable;
  shuttleTourStops: ShuttleTourStopsTable;
  shuttleVisitReports: ShuttleVisitReportsTable;
}
