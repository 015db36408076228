"""Reading the web service's answers: the shapes sites send, and answers that are not what they should be.

Every answer here was written for these tests from the element names public clients read.
"""

from datetime import date

import pytest

from boardcompare.fetch import moderngov as mg

COMMITTEES = b"""<?xml version="1.0" encoding="utf-8"?>
<committees><committeescount>2</committeescount>
  <committee><committeeid>12</committeeid><committeetitle>Children &amp; Young People Scrutiny Panel</committeetitle>
    <committeecategory>Scrutiny</committeecategory></committee>
  <committee><committeeid>15</committeeid><committeetitle>Cabinet</committeetitle></committee>
</committees>"""

MEETINGS = b"""<getmeetings><meetingscount>3</meetingscount>
  <meeting><meetingid>301</meetingid><meetingdate>14/11/2017</meetingdate></meeting>
  <meeting><meetingid>302</meetingid><meetingdate>03/02/2015 18:30:00</meetingdate></meeting>
  <meeting><meetingid>303</meetingid><meetingdate></meetingdate></meeting>
</getmeetings>"""

MEETING = b"""<getmeeting><meeting>
  <meetingid>301</meetingid><meetingdate>14/11/2017</meetingdate><minutepublished>True</minutepublished>
  <agendaitems>
    <agendaitem><agendaitemid>9001</agendaitemid><agendaitemnumber>5</agendaitemnumber>
      <agendaitemtitle>Westford Safeguarding Children Board Annual Report 2016/17</agendaitemtitle>
      <isrestricted>False</isrestricted>
      <linkeddocuments><linkeddoc><title>Annual report</title><url>http://x.gov.uk/documents/s1/AR.pdf</url>
        <isrestricted>False</isrestricted></linkeddoc></linkeddocuments></agendaitem>
    <agendaitem><agendaitemid>9002</agendaitemid><agendaitemtitle>Exempt item</agendaitemtitle>
      <isminutepublished>False</isminutepublished><isrestricted>True</isrestricted></agendaitem>
  </agendaitems>
  <linkeddocuments><linkeddoc><title>Printed minutes 14/11/2017</title><url>documents/g301/Printed minutes.pdf</url>
    </linkeddoc></linkeddocuments>
</meeting></getmeeting>"""


def test_committees():
    assert mg.parse_committees(COMMITTEES) == [
        mg.Committee(12, "Children & Young People Scrutiny Panel"), mg.Committee(15, "Cabinet")]


def test_meetings_with_dates_and_times_undated_left_out():
    assert mg.parse_meetings(MEETINGS) == [mg.MeetingStub(301, date(2017, 11, 14)),
                                           mg.MeetingStub(302, date(2015, 2, 3))]


def test_meeting_items_flags_and_documents():
    m = mg.parse_meeting(MEETING)
    assert (m.id, m.date, m.minutes_published) == (301, date(2017, 11, 14), True)
    first, second = m.items
    assert (first.id, first.number, first.minutes_published, first.restricted) == (9001, "5", True, False)
    assert first.docs == (mg.LinkedDoc("Annual report", "http://x.gov.uk/documents/s1/AR.pdf", False),)
    assert (second.minutes_published, second.restricted, second.docs) == (False, True, ())
    assert m.docs == (mg.LinkedDoc("Printed minutes 14/11/2017", "documents/g301/Printed minutes.pdf", False),)


# The same answer in the other wrappings sites and .NET use.
WRAPPED = {
    "namespaced root": b'<committees xmlns="http://moderngov.co.uk/namespace">'
                       b"<committee><committeeid>4</committeeid><committeetitle>Cabinet</committeetitle></committee>"
                       b"</committees>",
    "SOAP envelope": b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
                     b"<GetCommitteesResponse><GetCommitteesResult><committees><committee><committeeid>4</committeeid>"
                     b"<committeetitle>Cabinet</committeetitle></committee></committees></GetCommitteesResult>"
                     b"</GetCommitteesResponse></soap:Body></soap:Envelope>",
    "escaped in a string element": b'<?xml version="1.0"?><string xmlns="http://tempuri.org/">&lt;committees&gt;'
                                   b"&lt;committee&gt;&lt;committeeid&gt;4&lt;/committeeid&gt;&lt;committeetitle&gt;"
                                   b"Cabinet&lt;/committeetitle&gt;&lt;/committee&gt;&lt;/committees&gt;</string>",
    "capitalised names": b"<Committees><Committee><CommitteeId>4</CommitteeId><CommitteeTitle>Cabinet</CommitteeTitle>"
                         b"</Committee></Committees>",
    "byte order mark": b"\xef\xbb\xbf<committees><committee><committeeid>4</committeeid>"
                       b"<committeetitle>Cabinet</committeetitle></committee></committees>",
}


@pytest.mark.parametrize("body", WRAPPED.values(), ids=WRAPPED.keys())
def test_wrappings_give_the_same_committees(body):
    assert mg.parse_committees(body) == [mg.Committee(4, "Cabinet")]


# Answers that are not the web service's XML: a message naming the call and the reason.
BAD = [
    (mg.parse_committees, b"<committees><committee><committeeid>1</committeeid>", "not valid XML"),
    (mg.parse_committees, b"<html><body>Just a moment...</body></html>", "lists no committees"),
    (mg.parse_committees, b"", "not valid XML"),
    (mg.parse_committees, b"<committees><committee><committeeid>x1</committeeid></committee></committees>",
     "<committeeid> is 'x1', not a number"),
    (mg.parse_meetings, b"<getmeetings><meeting><meetingid>1</meetingid>", "not valid XML"),
    (mg.parse_meeting, b"<getmeeting></getmeeting>", "holds no meeting"),
    (mg.parse_meeting, b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><getmeeting><meeting>'
                       b"<meetingid>1</meetingid><agendaitems><agendaitem><agendaitemid>2</agendaitemid>"
                       b"<agendaitemtitle>&e;</agendaitemtitle></agendaitem></agendaitems></meeting></getmeeting>",
     None),
]


@pytest.mark.parametrize("parse, body, reason", BAD)
def test_bad_answers_give_a_message(parse, body, reason):
    if reason is None:  # an external entity is never read
        meeting = parse(body, "GetMeeting?lMeetingId=1")
        assert "root:" not in meeting.items[0].title
        return
    with pytest.raises(mg.BadResponse) as e:
        parse(body, "https://x.gov.uk/mgWebService.asmx/Call")
    assert str(e.value).startswith("https://x.gov.uk/mgWebService.asmx/Call: ")
    assert reason in str(e.value)


@pytest.mark.parametrize("address, base", [
    ("democracy.westford.gov.uk", "https://democracy.westford.gov.uk"),
    ("https://democracy.westford.gov.uk/", "https://democracy.westford.gov.uk"),
    ("https://democracy.westford.gov.uk/mgAi.aspx?ID=12", "https://democracy.westford.gov.uk"),
    ("http://www.westford.gov.uk/moderngov/ieListDocuments.aspx?CId=1", "http://www.westford.gov.uk/moderngov"),
    (" https://westford.moderngov.co.uk/mgWebService.asmx ", "https://westford.moderngov.co.uk"),
    ("http://127.0.0.1:8080/site", "http://127.0.0.1:8080/site"),
    ("http://localhost:8501", "http://localhost:8501"),
])
def test_site_addresses_users_paste(address, base):
    assert mg.site_base(address) == base


@pytest.mark.parametrize("address", ["ftp://x.gov.uk", "https://", "mailto:someone@x.gov.uk", "http://a b.gov.uk",
                                     "not-a-site", "https://westford"])
def test_addresses_that_are_not_sites(address):
    with pytest.raises(mg.BadAddress, match="address"):
        mg.site_base(address)


def test_document_addresses_follow_the_site():
    base = "https://www.westford.gov.uk:8443/moderngov"
    assert mg.document_url(base, "http://www.westford.gov.uk/moderngov/documents/g1/Printed minutes.pdf") == (
        "https://www.westford.gov.uk:8443/moderngov/documents/g1/Printed%20minutes.pdf")
    assert mg.document_url(base, "https://elsewhere.org/x.pdf") == "https://elsewhere.org/x.pdf"
    assert mg.document_url(base, "documents/s2/Item%205.pdf").endswith("/moderngov/documents/s2/Item%205.pdf")
