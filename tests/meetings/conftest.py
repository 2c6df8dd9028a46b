"""Helpers for the meeting API tests."""


def jpost(client, url, data):
    return client.post(url, data, content_type="application/json")


def jput(client, url, data):
    return client.put(url, data, content_type="application/json")


def jpatch(client, url, data):
    return client.patch(url, data, content_type="application/json")


PLAN = {
    "planned_on": "2026-12-20",
    "place": "三楼会议室",
    "format": "branch_congress",
    "participants": ["secretary_a", "committee_a", "member_a"],
    "agenda": "一、通报上次整改情况\n二、书记代表班子作对照检查",
    "requirements": "会前认真学习，深入谈心谈话",
}
