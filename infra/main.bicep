// MVI Companion: Azure resources of one environment, deployed into an existing resource group
// by `teamsapp provision` (arm/deploy with main.parameters.json). Outputs are written back to
// env/.env.<environment> (output FOO_BAR becomes FOO_BAR).
//
//   Functions app   Flex Consumption (FC1), Node 22, user-assigned identity
//   Storage         tables and queues of the app, the Functions host, the deployment container
//   Key Vault       bot password, Entra client secret, storage connection string (RBAC)
//   Azure Bot       single-tenant, Teams channel, endpoint https://<functions>/api/messages
//   Static Web App  the tab (static files, SPA fallback, frame-ancestors for Teams)
//   Monitoring      Log Analytics workspace and workspace-based Application Insights
//
// Choose a region that offers Flex Consumption (`az functionapp list-flexconsumption-locations`);
// West Europe keeps the data in the Netherlands.

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(20)
@description('Short name used in every resource name, e.g. mvidev.')
param resourceBaseName string

@description('Region of the regional resources. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Region of the Static Web App (offered in a few regions only; it serves from a global edge).')
@allowed(['westeurope', 'centralus', 'eastus2', 'westus2', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('Teams app id (manifest id): deep links from cards and notifications.')
param teamsAppId string

@description('Id of the published app in the organisation\'s app catalogue (TEAMS_APP_PUBLISHED_APP_ID); empty until the first publish.')
param teamsCatalogAppId string = ''

@description('Client id of the Entra app for tab SSO, the API and Microsoft Graph (aad.manifest.json).')
param aadAppClientId string

@description('Tenant of that Entra app.')
param aadAppTenantId string

@secure()
@description('Client secret of that Entra app (on-behalf-of exchange and Graph application calls).')
param aadAppClientSecret string

@description('Client id of the bot\'s single-tenant Entra app.')
param botAppId string

@description('Tenant of the bot\'s Entra app.')
param botTenantId string

@secure()
@description('Client secret of the bot\'s Entra app.')
param botPassword string

@description('Display name of the Azure Bot.')
param botDisplayName string = 'MVI Companion'

@description('Comma-separated Entra tenant ids whose users may call the API; empty means the app\'s own tenant.')
param allowedTenants string = ''

@allowed(['debug', 'info', 'warn', 'error'])
param logLevel string = 'info'

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

param tags object = {
  application: 'mvi-companion'
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

var token = uniqueString(resourceGroup().id, resourceBaseName)
var compactBase = toLower(replace(resourceBaseName, '-', ''))
var storageAccountName = take('st${take(compactBase, 9)}${token}', 24)
var keyVaultName = take('kv${take(compactBase, 9)}${token}', 24)
var functionAppName = 'func-${resourceBaseName}-${take(token, 6)}'
var deploymentContainerName = 'app-package'

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var loginEndpoint = environment().authentication.loginEndpoint // https://login.microsoftonline.com/

// ---------------------------------------------------------------------------------------
// Identity and monitoring
// ---------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceBaseName}'
  location: location
  tags: tags
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceBaseName}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource appInsightsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The backend connects with a connection string (functions/src/storage/storage.ts), kept in
    // Key Vault. Switch this off once it uses the managed identity (AzureWebJobsStorage__accountName).
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource storageBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------
// Key Vault
// ---------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'Entra client secret of the bot'
  }
}

resource aadAppSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
    contentType: 'Entra client secret of the SSO/API app'
  }
}

resource storageConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'Azure Storage connection string'
  }
}

// ---------------------------------------------------------------------------------------
// Tab: Azure Static Web Apps
// ---------------------------------------------------------------------------------------

resource staticWebApp 'Microsoft.Web/staticSites@2023-12-01' = {
  name: 'stapp-${resourceBaseName}'
  location: staticWebAppLocation
  tags: tags
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {}
}

var tabDomain = staticWebApp.properties.defaultHostname

// ---------------------------------------------------------------------------------------
// Functions app: Flex Consumption
// ---------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// Settings read by functions/src/config.ts, plus the Functions host's own.
// Flex Consumption sets runtime and version in functionAppConfig: no FUNCTIONS_WORKER_RUNTIME.
var appSettings = {
  AzureWebJobsStorage: '@Microsoft.KeyVault(SecretUri=${storageConnectionSecret.properties.secretUri})'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  AUTH_ISSUER: '${loginEndpoint}{tenantid}/v2.0'
  AUTH_AUDIENCE: '${aadAppClientId},api://${tabDomain}/${aadAppClientId}'
  AUTH_JWKS_URI: '${loginEndpoint}common/discovery/v2.0/keys'
  AUTH_ALLOWED_TENANTS: empty(allowedTenants) ? aadAppTenantId : allowedTenants
  AUTH_CLOCK_TOLERANCE_SECONDS: '60'
  TAB_BASE_URL: 'https://${tabDomain}'
  TEAMS_APP_ID: teamsAppId
  BOT_ID: botAppId
  BOT_TENANT_ID: botTenantId
  BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
  GRAPH_BASE_URL: 'https://graph.microsoft.com'
  LOG_LEVEL: logLevel
  // App-only Graph calls as the webApplicationInfo app: Teams only accepts activity
  // notifications from that app, so not from the managed identity.
  GRAPH_AUTH: 'client-secret'
  GRAPH_CLIENT_ID: aadAppClientId
  GRAPH_TENANT_ID: aadAppTenantId
  GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${aadAppSecret.properties.secretUri})'
  // The app's id in the organisation's catalogue (after `teamsapp publish`): lets the backend
  // install the app for a nudge recipient who does not have it yet.
  TEAMS_CATALOG_APP_ID: teamsCatalogAppId
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        // The tab calls the API from its own origin; Teams web clients are allowed as well.
        allowedOrigins: [
          'https://${tabDomain}'
          'https://teams.microsoft.com'
          'https://teams.cloud.microsoft'
        ]
        supportCredentials: false
      }
      // The host's storage from the start; the full set follows in functionAppSettings.
      appSettings: [
        {
          name: 'AzureWebJobsStorage'
          value: appSettings.AzureWebJobsStorage
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
  dependsOn: [
    // The app reads its deployment package, secrets and telemetry with the identity at start.
    deploymentContainer
    storageBlobOwner
    storageQueueContributor
    storageTableContributor
    keyVaultSecretsUser
    appInsightsPublisher
  ]
}

// Applied as one object after the app exists (ARM replaces the whole set on every deployment).
resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
}

// ---------------------------------------------------------------------------------------
// Azure Bot
// ---------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${resourceBaseName}-${take(token, 6)}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------
// Outputs (written to env/.env.<environment>)
// ---------------------------------------------------------------------------------------

output FUNCTION_APP_NAME string = functionApp.name
output FUNCTION_APP_RESOURCE_ID string = functionApp.id
output FUNCTION_DOMAIN string = functionApp.properties.defaultHostName
output FUNCTION_ENDPOINT string = 'https://${functionApp.properties.defaultHostName}'
output BOT_DOMAIN string = functionApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${functionApp.properties.defaultHostName}'
output BOT_SERVICE_NAME string = bot.name
output TAB_DOMAIN string = tabDomain
output TAB_ENDPOINT string = 'https://${tabDomain}'
output TAB_SWA_NAME string = staticWebApp.name
output TAB_SWA_RESOURCE_ID string = staticWebApp.id
output STORAGE_ACCOUNT_NAME string = storage.name
output KEY_VAULT_NAME string = keyVault.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output APPLICATION_INSIGHTS_NAME string = appInsights.name
